package dev.multiprocessing.synchronize;

import dev.multiprocessing.synchronize.impl.Op;
import dev.multiprocessing.synchronize.impl.RLockState;
import dev.multiprocessing.synchronize.impl.Ref;
import dev.multiprocessing.synchronize.impl.SyncHandle;
import io.vertx.core.Future;

/**
 * Python's {@code multiprocessing.RLock}: a recursive lock owned by one thread of one process.
 *
 * <ul>
 *   <li>The owning thread may acquire it again; it is free once released as many times.</li>
 *   <li>Releasing it from a thread that does not own it raises {@link IllegalMonitorStateException}.</li>
 *   <li>In the creating JVM each call goes straight to its state; in another JVM the first acquire
 *       is one event-bus round trip, re-entries and inner releases are local, and the last release
 *       is one round trip.</li>
 *   <li>Process death: a lock owned by a thread of a process that dies is freed once the cluster
 *       has removed that process (about 0.35 s), and the next waiter gets it; Python leaves it
 *       stuck. If the creating process dies, every use raises {@code ProcessError}.</li>
 * </ul>
 */
public final class RLock extends LockBase {

  static {
    SyncHandle.register(RLock.class, (ref, extra) -> new RLock(ref));
  }

  /** A new, free recursive lock whose home is this process. */
  public RLock() {
    this(home(new RLockState()));
  }

  private RLock(Ref ref) {
    super(ref);
  }

  @Override
  Future<Boolean> acquire(Thread caller, double timeout) {
    if (ref.isLocal()) {
      return super.acquire(caller, timeout);
    }
    synchronized (ref) {
      if (ref.owner == caller) {
        ref.depth++;
        return Future.succeededFuture(true);
      }
    }
    return ref.call(Op.ACQUIRE, caller, timeout, 1, 0, null).map(granted -> {
      if (Boolean.FALSE.equals(granted)) {
        return false;
      }
      synchronized (ref) {
        ref.owner = caller;
        ref.depth = 1;
        ref.cache = granted instanceof byte[] b ? b : null;
      }
      return true;
    });
  }

  @Override
  Future<Void> release(Thread caller) {
    if (ref.isLocal()) {
      return super.release(caller);
    }
    synchronized (ref) {
      if (ref.owner != caller) {
        return Future.failedFuture(new IllegalMonitorStateException(
            "cannot release un-acquired lock: this RLock is not owned by the calling thread"));
      }
      if (--ref.depth > 0) {
        return Future.succeededFuture();
      }
      ref.owner = null;
      ref.cache = null;
    }
    return ref.call(Op.RELEASE, caller, 0, 0, 0, null).mapEmpty();
  }

  @Override
  Future<Integer> owned(Thread caller) {
    if (ref.isLocal()) {
      return cast(ref.call(Op.OWNED, caller, 0, 0, 0, null));
    }
    synchronized (ref) {
      return Future.succeededFuture(ref.owner == caller ? ref.depth : 0);
    }
  }

  /** True while some thread owns it. */
  public boolean locked() {
    return block(() -> lockedAsync(), "locked()", "lockedAsync()");
  }

  public Future<Boolean> lockedAsync() {
    return cast(ref.call(Op.LOCKED));
  }

  @Override
  public RLock enter() {
    acquire();
    return this;
  }
}
