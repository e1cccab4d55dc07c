package dev.multiprocessing.synchronize;

import dev.multiprocessing.synchronize.impl.Op;
import dev.multiprocessing.synchronize.impl.LockState;
import dev.multiprocessing.synchronize.impl.Ref;
import dev.multiprocessing.synchronize.impl.SyncHandle;
import io.vertx.core.Future;

/**
 * Python's {@code multiprocessing.RLock}: a recursive lock owned by one thread of one process.
 *
 * <ul>
 *   <li>The owning thread may acquire it again; it is free once released as many times.</li>
 *   <li>Releasing it from a thread that does not own it raises {@link IllegalMonitorStateException}.</li>
 *   <li>In the creating JVM each call goes straight to its state. In another JVM the first acquire
 *       is one event-bus round trip and re-entries and inner releases are local; when nobody else
 *       wants the lock, that JVM also gets a lease and later acquires and releases there are local
 *       too, until the creator recalls the lease because another party uses the lock.</li>
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
    this(home(new LockState(true)));
  }

  private RLock(Ref ref) {
    super(ref);
  }

  @Override
  Future<Boolean> acquire(Thread caller, double timeout) {
    return ref.isLocal() ? super.acquire(caller, timeout) : ref.lease(true).acquire(caller, timeout);
  }

  @Override
  Future<Void> release(Thread caller) {
    return ref.isLocal() ? super.release(caller) : ref.lease(true).release(caller);
  }

  @Override
  Future<Integer> owned(Thread caller) {
    return cast(ref.isLocal() ? ref.call(Op.OWNED, caller, 0, 0, 0, null) : ref.lease(true).query(Op.OWNED, caller));
  }

  /** True while some thread owns it. */
  public boolean locked() {
    return block(() -> lockedAsync(), "locked()", "lockedAsync()");
  }

  public Future<Boolean> lockedAsync() {
    return cast(ref.isLocal() ? ref.call(Op.LOCKED) : ref.lease(true).query(Op.LOCKED, Thread.currentThread()));
  }

  @Override
  public RLock enter() {
    acquire();
    return this;
  }
}
