package dev.multiprocessing.synchronize.impl;

import dev.multiprocessing.impl.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * This JVM's side of a remote {@code Lock} or {@code RLock}: what its threads hold, and the lease.
 *
 * <p>Design. A lease is the right, granted by the home with an acquire, to run the lock's state in
 * this JVM until the home recalls it. While this JVM holds it, acquire and release cost no message
 * (a thread of this JVM that must wait is parked here). When any other party uses the lock, the
 * home sends {@code RECALL}; this JVM then at once sends the state back ({@code RETURN}: held or
 * not, by which thread, how deep) and re-sends its parked waiters to the home as ordinary
 * acquires, after the return (one JVM's messages to one address keep their order). A recall that
 * overtakes its grant is remembered and honoured when the grant arrives. The lease is never kept
 * against a request: Python's semantics stay exact (any party may release a Lock; waiters are
 * served), and two processes that contend hand the lease back and forth, each running many
 * acquire+release pairs locally in between. If this JVM dies, the home drops its holds.
 *
 * <p>Without a lease an RLock's holder still counts its re-entries here, and a Value stored with
 * the lock comes with the grant: the holding thread reads this copy and writes through to the
 * home without waiting ({@link Ref#write}).
 */
public final class LeaseClient {

  private final Ref ref;
  private final boolean recursive;
  private long leaseNo = -1;
  private long recalledNo = -1;
  /** What this JVM holds: depth (0: nothing), by which thread; a Value's bytes. */
  private int count;
  private long holder;
  private byte[] cache;
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

  LeaseClient(Ref ref, boolean recursive) {
    this.ref = ref;
    this.recursive = recursive;
  }

  public Future<Boolean> acquire(Thread caller, double timeout) {
    synchronized (this) {
      if (recursive && count > 0 && holder == caller.getId()) {
        count++;
        return Future.succeededFuture(true);
      }
      if (leaseNo >= 0) {
        if (count == 0) {
          count = 1;
          holder = caller.getId();
          return Future.succeededFuture(true);
        }
        return timeout == 0 ? Future.succeededFuture(false) : park(caller, timeout);
      }
    }
    return remoteAcquire(caller, timeout);
  }

  private Future<Boolean> park(Thread caller, double timeout) {
    LocalWaiter w = new LocalWaiter(caller, timeout);
    waiters.add(w);
    if (timeout > 0) {
      w.timer = ref.runtime().vertx().setTimer(Blocking.timerMillis(timeout), t -> {
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

  private Future<Boolean> remoteAcquire(Thread caller, double timeout) {
    return ref.call(Op.ACQUIRE, caller, timeout, Op.LEASE_OK, 0, null).map(r -> {
      if (Boolean.FALSE.equals(r)) {
        return false;
      }
      List<LocalWaiter> moved = List.of();
      boolean watch = false;
      synchronized (this) {
        if (r instanceof Lease || recursive) {
          count = 1;
          holder = caller.getId();
        }
        cache = r instanceof Lease l ? l.data() : r instanceof byte[] b ? b : null;
        if (r instanceof Lease l) {
          leaseNo = l.no();
          if (recalledNo >= l.no()) {
            moved = giveBack();
          } else {
            watch = true;
          }
        }
      }
      // Outside the monitor: a recall answered at once must find the lock taken (count set above).
      if (watch) {
        watch(caller, ((Lease) r).no());
      }
      resend(moved);
      return true;
    });
  }

  public Future<Void> release(Thread caller) {
    LocalWaiter next;
    synchronized (this) {
      if (recursive && (count == 0 || holder != caller.getId())) {
        return Future.failedFuture(new IllegalMonitorStateException(
            "cannot release un-acquired lock: this RLock is not owned by the calling thread"));
      }
      if (recursive && --count > 0) {
        return Future.succeededFuture();
      }
      if (leaseNo < 0) {
        count = 0;
        cache = null;
        return ref.call(Op.RELEASE, caller, 0, 0, 0, null).mapEmpty();
      }
      if (count == 0 && !recursive) {
        return Future.failedFuture(new IllegalStateException(
            "release of an unlocked Lock (Python's ValueError: semaphore or lock released too many times)"));
      }
      next = waiters.poll();
      if (next == null) {
        count = 0;
        return Future.succeededFuture();
      }
      count = 1;
      holder = next.thread.getId();
      if (next.timer >= 0) {
        ref.runtime().vertx().cancelTimer(next.timer);
      }
    }
    next.promise.tryComplete(true);
    return Future.succeededFuture();
  }

  /** {@code LOCKED} or {@code OWNED}, answered here when this JVM knows, else by the home. */
  public Future<Object> query(int code, Thread caller) {
    synchronized (this) {
      boolean mine = count > 0 && holder == caller.getId();
      if (leaseNo >= 0) {
        return Future.succeededFuture(code == Op.LOCKED ? (Object) (count > 0) : (Object) (mine ? count : 0));
      }
      if (recursive && code == Op.OWNED) {
        return Future.succeededFuture(mine ? count : 0);
      }
    }
    return ref.call(code, caller, 0, 0, 0, null);
  }

  /** The Value bytes granted with the lock, if {@code caller} holds it; else null. */
  synchronized byte[] cache(Thread caller) {
    return count > 0 && holder == caller.getId() ? cache : null;
  }

  /** Parks a request at the home whose answer is the recall of lease {@code no}. */
  private void watch(Thread caller, long no) {
    ref.call(Op.RECALL, caller, -1, no, 0, null).onSuccess(x -> onRecall(no));
  }

  private void onRecall(long no) {
    List<LocalWaiter> moved;
    synchronized (this) {
      if (leaseNo != no) {
        recalledNo = Math.max(recalledNo, no);
        return;
      }
      moved = giveBack();
    }
    resend(moved);
  }

  /**
   * Sends the state home and returns this JVM's parked waiters, which the caller re-sends as
   * ordinary acquires once it has left the monitor (after the return: one JVM's messages to one
   * address keep their order). Holds the monitor.
   */
  private List<LocalWaiter> giveBack() {
    ref.sendOp(Op.RETURN, holder, leaseNo, count);
    leaseNo = -1;
    if (!recursive || count == 0) {
      count = 0;
      cache = null;
    }
    List<LocalWaiter> moved = new ArrayList<>(waiters);
    waiters.clear();
    for (LocalWaiter w : moved) {
      if (w.timer >= 0) {
        ref.runtime().vertx().cancelTimer(w.timer);
      }
    }
    return moved;
  }

  /** Re-sends waiters that were parked here as acquires to the home. Never under the monitor. */
  private void resend(List<LocalWaiter> moved) {
    for (LocalWaiter w : moved) {
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
      count = 0;
      cache = null;
      failed = new ArrayList<>(waiters);
      waiters.clear();
    }
    failed.forEach(w -> w.promise.tryFail(e));
  }
}
