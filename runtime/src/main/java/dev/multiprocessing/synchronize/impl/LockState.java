package dev.multiprocessing.synchronize.impl;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code Lock} and, {@code recursive}, {@code RLock}. A Lock is locked or not and released
 * by anyone; an RLock is owned by one thread of one process, re-entered by it and released only by
 * it. Waiters are granted in arrival order. The holder (node and thread) is kept for
 * {@code OWNED} and for holder death. When the lock stores a Value's bytes, an acquire from
 * another JVM ({@code a >= 1}) is granted with a copy of them.
 *
 * <p>Leases. An acquire from another JVM that may take a lease ({@link Op#LEASE_OK}), granted with
 * nobody else waiting, is answered with a {@link Lease}: that JVM then runs the lock by itself
 * (see {@link LeaseClient}) and writes a Value's bytes through. The lessee keeps a {@code RECALL}
 * request parked here; answering it recalls the lease (a reply needs no registered address, so
 * no recall can be lost). While the lock is leased, every other op (the lessee's own
 * write-through excepted) waits here, the lease is recalled once, and
 * the ops are replayed in order when the state returns, or when the lessee's node leaves (its
 * holds are then dropped).
 */
public final class LockState extends State {

  private final boolean recursive;
  private int count;
  private String ownerNode;
  private long ownerThread;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private String leasedTo;
  private long leaseNo;
  private boolean recalled;
  /** The lessee's parked {@code RECALL} request: answering it recalls the lease. */
  private Waiter watch;
  private List<Waiter> deferred = new ArrayList<>();

  public LockState(boolean recursive) {
    this.recursive = recursive;
  }

  @Override
  Future<Object> apply(Home h, Op op) {
    if (op.code() == Op.RETURN) {
      if (leasedTo != null && op.a() == leaseNo && op.node().equals(leasedTo)) {
        leasedTo = null;
        // The lessee keeps counting an RLock's re-entries itself and sends only the last release.
        count = op.b() > 0 ? 1 : 0;
        ownerNode = count > 0 ? op.node() : null;
        ownerThread = op.thread();
        replay(h);
      }
      return done(null);
    }
    if (op.code() == Op.RECALL) {
      if (leasedTo != null && op.a() == leaseNo && op.node().equals(leasedTo) && !recalled) {
        watch = new Waiter(op);
        return watch.promise.future();
      }
      return done(null);
    }
    if (leasedTo != null && !(op.code() == Op.WRITE && op.node().equals(leasedTo))) {
      Waiter w = new Waiter(op);
      deferred.add(w);
      if (!recalled) {
        recalled = true;
        if (watch != null) {
          h.complete(watch, null);
          watch = null;
        }
      }
      return w.promise.future();
    }
    return super.apply(h, op);
  }

  @Override
  Future<Object> applyOwn(Home h, Op op) {
    boolean mine = count > 0 && op.sameThread(ownerNode, ownerThread);
    switch (op.code()) {
      case Op.ACQUIRE:
        if (count == 0) {
          take(op);
          return done(grant(op));
        }
        if (recursive && mine) {
          count++;
          return done(Boolean.TRUE);
        }
        return op.mayWait() ? h.park(op, waiters).promise.future() : done(Boolean.FALSE);
      case Op.RELEASE:
        if (recursive && !mine) {
          return failed(new IllegalMonitorStateException("cannot release un-acquired lock: this RLock is not owned by the calling thread"));
        }
        if (count == 0) {
          return failed(new IllegalStateException("release of an unlocked Lock (Python's ValueError: semaphore or lock released too many times)"));
        }
        if (!recursive || --count == 0) {
          handOver(h);
        }
        return done(null);
      case Op.LOCKED:
        return done(count > 0);
      case Op.OWNED:
        return done(mine ? count : 0);
      default:
        return failed(badOp(op));
    }
  }

  private void take(Op op) {
    count = 1;
    ownerNode = op.node();
    ownerThread = op.thread();
  }

  /** A lease when the acquirer may take one and nobody else waits; else the data or TRUE. */
  private Object grant(Op op) {
    byte[] copy = op.a() >= 1 && data != null ? data.clone() : null;
    if (op.a() == Op.LEASE_OK && waiters.isEmpty() && deferred.isEmpty()) {
      leasedTo = op.node();
      recalled = false;
      watch = null;
      return new Lease(++leaseNo, copy);
    }
    return copy != null ? copy : Boolean.TRUE;
  }

  private void handOver(Home h) {
    Waiter w = waiters.poll();
    if (w == null) {
      count = 0;
      ownerNode = null;
    } else {
      take(w.op);
      h.complete(w, grant(w.op));
    }
  }

  /** Runs the ops that waited for the lease, in order (some may wait again for a new lease). */
  private void replay(Home h) {
    List<Waiter> run = deferred;
    deferred = new ArrayList<>();
    for (Waiter w : run) {
      Future<Object> f = apply(h, w.op);
      if (f.isComplete()) {
        if (f.succeeded()) {
          h.complete(w, f.result());
        } else {
          h.fail(w, (RuntimeException) f.cause());
        }
      } else {
        f.onComplete(ar -> {
          if (ar.succeeded()) {
            w.promise.tryComplete(ar.result());
          } else {
            w.promise.tryFail(ar.cause());
          }
        });
      }
    }
  }

  @Override
  void nodeLeft(Home h, String node) {
    waiters.removeIf(w -> node.equals(w.op.node()));
    deferred.removeIf(w -> node.equals(w.op.node()));
    if (node.equals(leasedTo)) {
      leasedTo = null;
      watch = null;
      count = 0;
      ownerNode = null;
      replay(h);
    } else if (count > 0 && node.equals(ownerNode)) {
      count = 0;
      handOver(h);
    }
  }
}
