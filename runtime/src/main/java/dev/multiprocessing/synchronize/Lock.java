package dev.multiprocessing.synchronize;

import dev.multiprocessing.synchronize.impl.LockState;
import dev.multiprocessing.synchronize.impl.Op;
import dev.multiprocessing.synchronize.impl.Ref;
import dev.multiprocessing.synchronize.impl.SyncHandle;
import io.vertx.core.Future;

/**
 * Python's {@code multiprocessing.Lock}: a non-recursive lock shared by processes and threads.
 *
 * <ul>
 *   <li>Mutual exclusion holds between threads of one JVM and between JVMs.</li>
 *   <li>Any thread of any process may release it; releasing it while unlocked raises
 *       {@link IllegalStateException} (Python's {@code ValueError}).</li>
 *   <li>Waiters are granted in arrival order. {@code acquire(true, t)} with {@code t <= 0} does not
 *       wait.</li>
 *   <li>It lives in the JVM that created it: there, acquire and release cost no message. Another
 *       process acquires it with one event-bus round trip; when nobody else wants the lock, that
 *       process also gets a lease and its next acquires and releases cost no message until the
 *       creator recalls the lease because some other party uses the lock. A waiter is woken by a
 *       message (nothing polls).</li>
 *   <li>Process death: if the process that last acquired it dies while it is locked, the lock is
 *       released (and granted to the next waiter) once the cluster has removed that process,
 *       about 0.35 s on loopback, or at once when its launcher reports the exit. Python leaves it
 *       locked forever. If the creating process dies, every use raises {@code ProcessError}.</li>
 * </ul>
 */
public final class Lock extends LockBase {

  static {
    SyncHandle.register(Lock.class, (ref, extra) -> new Lock(ref));
  }

  /** A new, unlocked lock whose home is this process. */
  public Lock() {
    this(home(new LockState(false)));
  }

  private Lock(Ref ref) {
    super(ref);
  }

  @Override
  Future<Boolean> acquire(Thread caller, double timeout) {
    return ref.isLocal() ? super.acquire(caller, timeout) : ref.lease(false).acquire(caller, timeout);
  }

  @Override
  Future<Void> release(Thread caller) {
    return ref.isLocal() ? super.release(caller) : ref.lease(false).release(caller);
  }

  @Override
  Future<Integer> owned(Thread caller) {
    return cast(ref.isLocal() ? ref.call(Op.OWNED, caller, 0, 0, 0, null) : ref.lease(false).query(Op.OWNED, caller));
  }

  /** True while locked (by anyone). */
  public boolean locked() {
    return block(() -> lockedAsync(), "locked()", "lockedAsync()");
  }

  public Future<Boolean> lockedAsync() {
    return cast(ref.isLocal() ? ref.call(Op.LOCKED) : ref.lease(false).query(Op.LOCKED, Thread.currentThread()));
  }

  @Override
  public Lock enter() {
    acquire();
    return this;
  }
}
