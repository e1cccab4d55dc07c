package dev.multiprocessing.synchronize.impl;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code Lock}: locked or not, released by anyone; waiters are granted in arrival order.
 * The holder (node and thread of the last acquirer) is kept for {@code OWNED} and for holder death.
 *
 * <p>An acquire from another JVM that may take a lease ({@link Op#LEASE_OK}) and is granted with
 * nobody else waiting is answered with a lease number instead of {@code TRUE}: that JVM then runs
 * the lock by itself (see {@link LeaseClient}). While the lock is leased, every other op waits
 * here, the lease is recalled once, and the ops are replayed in order when the state returns (or
 * when the lessee's node leaves: its holds are then dropped).
 */
public final class LockState extends State {

  private boolean locked;
  private String holderNode;
  private long holderThread;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private String leasedTo;
  private long leaseNo;
  private boolean recalled;
  private List<Waiter> deferred = new ArrayList<>();

  @Override
  Future<Object> applyOwn(Home h, Op op) {
    if (op.code() == Op.RETURN) {
      if (leasedTo != null && op.a() == leaseNo && op.node().equals(leasedTo)) {
        leasedTo = null;
        locked = op.b() == 1;
        holderNode = locked ? op.node() : null;
        holderThread = op.thread();
        replay(h);
      }
      return done(null);
    }
    if (leasedTo != null) {
      Waiter w = new Waiter(op);
      deferred.add(w);
      if (!recalled) {
        recalled = true;
        h.sendTo(leasedTo, new Op(Op.RECALL, "", 0, 0, leaseNo, 0, null));
      }
      return w.promise.future();
    }
    switch (op.code()) {
      case Op.ACQUIRE:
        if (!locked) {
          take(op);
          return done(grant(op));
        }
        return op.mayWait() ? h.park(op, waiters).promise.future() : done(Boolean.FALSE);
      case Op.RELEASE:
        if (!locked) {
          return failed(new IllegalStateException("release of an unlocked Lock (Python's ValueError: semaphore or lock released too many times)"));
        }
        handOver(h);
        return done(null);
      case Op.LOCKED:
        return done(locked);
      case Op.OWNED:
        return done(locked && op.sameThread(holderNode, holderThread) ? 1 : 0);
      default:
        return failed(badOp(op));
    }
  }

  private void take(Op op) {
    locked = true;
    holderNode = op.node();
    holderThread = op.thread();
  }

  /** TRUE, or a lease when the acquirer may take one and nobody else waits. */
  private Object grant(Op op) {
    if (op.a() != Op.LEASE_OK || !waiters.isEmpty() || !deferred.isEmpty()) {
      return Boolean.TRUE;
    }
    leasedTo = op.node();
    recalled = false;
    return ++leaseNo;
  }

  private void handOver(Home h) {
    Waiter w = waiters.poll();
    if (w == null) {
      locked = false;
      holderNode = null;
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
      Future<Object> f = applyOwn(h, w.op);
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
      locked = false;
      holderNode = null;
      replay(h);
    } else if (locked && node.equals(holderNode)) {
      handOver(h);
    }
  }
}
