package dev.multiprocessing.synchronize.impl;

import dev.multiprocessing.codecs.Pickled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A remote {@code Lock}'s lease: the right, granted by the home with an acquire, to run the lock's
 * state in this JVM until the home recalls it.
 *
 * <p>Design. While this JVM holds the lease, acquire and release here cost no message (a thread of
 * this JVM that must wait is parked here). When any other party uses the lock, the home sends
 * {@code RECALL}; this JVM then at once sends the state back ({@code RETURN}: locked or not, by
 * which thread) and re-sends its parked waiters to the home as ordinary acquires, after the
 * return (one JVM's messages to one address keep their order). A recall that overtakes its
 * grant is remembered and honoured when the grant arrives. The lease is never kept against a
 * request: Python's semantics stay exact (any party may release; waiters are served), and two
 * processes that contend hand the lease back and forth, each running many acquire+release pairs
 * locally in between. If this JVM dies, the home treats the lock as released by it.
 */
public final class LeaseClient {

  private final Ref ref;
  private volatile boolean recallReady;
  private long leaseNo = -1;
  private long recalledNo = -1;
  private boolean locked;
  private long holderThread;
  private final ArrayDeque<LocalWaiter> waiters = new ArrayDeque<>();

  private static final class LocalWaiter {
    final Thread thread;
    final long deadline;
    final Promise<Boolean> promise = Promise.promise();
    long timer = -1;

    LocalWaiter(Thread thread, double timeout) {
      this.thread = thread;
      this.deadline = timeout < 0 ? Long.MAX_VALUE : System.nanoTime() + (long) (timeout * 1e9);
    }

    double remaining() {
      return deadline == Long.MAX_VALUE ? -1 : Math.max(1e-9, (deadline - System.nanoTime()) / 1e9);
    }
  }

  LeaseClient(Ref ref) {
    this.ref = ref;
    String addr = ref.address + ".n." + ref.runtime().nodeId();
    ref.runtime().vertx().eventBus().<Pickled>consumer(addr, m -> onRecall(((Op) m.body().get()).a()))
        .completion().onSuccess(x -> recallReady = true);
  }

  public Future<Boolean> acquire(Thread caller, double timeout) {
    synchronized (this) {
      if (leaseNo >= 0) {
        if (!locked) {
          locked = true;
          holderThread = caller.getId();
          return Future.succeededFuture(true);
        }
        if (timeout == 0) {
          return Future.succeededFuture(false);
        }
        LocalWaiter w = new LocalWaiter(caller, timeout);
        waiters.add(w);
        if (timeout > 0) {
          w.timer = ref.runtime().vertx().setTimer(Math.max(1, (long) Math.ceil(timeout * 1000)), t -> {
            synchronized (this) {
              if (!waiters.remove(w)) {
                return;
              }
            }
            w.promise.tryComplete(false);
          });
        }
        return w.promise.future();
      }
    }
    return remoteAcquire(caller, timeout);
  }

  private Future<Boolean> remoteAcquire(Thread caller, double timeout) {
    return ref.call(Op.ACQUIRE, caller, timeout, recallReady ? Op.LEASE_OK : 0, 0, null).map(r -> {
      if (r instanceof Long no) {
        synchronized (this) {
          leaseNo = no;
          locked = true;
          holderThread = caller.getId();
          if (recalledNo >= no) {
            giveBack();
          }
        }
        return true;
      }
      return (Boolean) r;
    });
  }

  public Future<Void> release(Thread caller) {
    LocalWaiter next;
    synchronized (this) {
      if (leaseNo < 0) {
        return ref.call(Op.RELEASE, caller, 0, 0, 0, null).mapEmpty();
      }
      if (!locked) {
        return Future.failedFuture(new IllegalStateException(
            "release of an unlocked Lock (Python's ValueError: semaphore or lock released too many times)"));
      }
      next = waiters.poll();
      if (next == null) {
        locked = false;
        return Future.succeededFuture();
      }
      holderThread = next.thread.getId();
      if (next.timer >= 0) {
        ref.runtime().vertx().cancelTimer(next.timer);
      }
    }
    next.promise.tryComplete(true);
    return Future.succeededFuture();
  }

  /** {@code LOCKED} or {@code OWNED} answered here while leased, else by the home. */
  public Future<Object> query(int code, Thread caller) {
    synchronized (this) {
      if (leaseNo >= 0) {
        return Future.succeededFuture(code == Op.LOCKED ? (Object) locked
            : (Object) (locked && holderThread == caller.getId() ? 1 : 0));
      }
    }
    return ref.call(code, caller, 0, 0, 0, null);
  }

  private void onRecall(long no) {
    synchronized (this) {
      if (leaseNo != no) {
        recalledNo = Math.max(recalledNo, no);
        return;
      }
      giveBack();
    }
  }

  /** Sends the state home, then this JVM's parked waiters as ordinary acquires. Holds the monitor. */
  private void giveBack() {
    ref.sendOp(Op.RETURN, holderThread, leaseNo, locked ? 1 : 0);
    leaseNo = -1;
    List<LocalWaiter> moved = new ArrayList<>(waiters);
    waiters.clear();
    for (LocalWaiter w : moved) {
      if (w.timer >= 0) {
        ref.runtime().vertx().cancelTimer(w.timer);
      }
      remoteAcquire(w.thread, w.remaining()).onComplete(ar -> {
        if (ar.succeeded()) {
          w.promise.tryComplete(ar.result());
        } else {
          w.promise.tryFail(ar.cause());
        }
      });
    }
  }

  void homeDied(RuntimeException e) {
    List<LocalWaiter> failed;
    synchronized (this) {
      leaseNo = -1;
      failed = new ArrayList<>(waiters);
      waiters.clear();
    }
    failed.forEach(w -> w.promise.tryFail(e));
  }
}
