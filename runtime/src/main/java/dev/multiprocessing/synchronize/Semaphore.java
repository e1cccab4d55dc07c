package dev.multiprocessing.synchronize;

import dev.multiprocessing.synchronize.impl.Op;
import dev.multiprocessing.synchronize.impl.Ref;
import dev.multiprocessing.synchronize.impl.SemaphoreState;
import dev.multiprocessing.synchronize.impl.SyncHandle;
import io.vertx.core.Future;

/**
 * Python's {@code multiprocessing.Semaphore}: a counter of permits shared by processes.
 * {@code acquire} takes one (waiting while there is none, waiters served in arrival order),
 * {@code release} gives one back and may be called by anyone.
 *
 * <p>Process death: permits taken by a process that dies (net of the releases it made) are given
 * back once the cluster has removed it (about 0.35 s); Python would lose them. If the creating
 * process dies, every use raises {@code ProcessError}.
 */
public class Semaphore extends LockBase {

  static {
    SyncHandle.register(Semaphore.class, (ref, extra) -> new Semaphore(ref));
  }

  /** A semaphore with {@code value} permits ({@link IllegalArgumentException} if negative). */
  public Semaphore(int value) {
    this(home(new SemaphoreState(check(value), -1)));
  }

  Semaphore(Ref ref) {
    super(ref);
  }

  static int check(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("semaphore initial value must be >= 0, got " + value);
    }
    return value;
  }

  @Override
  Future<Integer> owned(Thread caller) {
    return Future.failedFuture(new IllegalArgumentException("a Condition needs a Lock or an RLock"));
  }

  /** Python's {@code get_value()}: the permits available now. */
  public int getValue() {
    return block(() -> getValueAsync(), "getValue()", "getValueAsync()");
  }

  public Future<Integer> getValueAsync() {
    return cast(ref.call(Op.VALUE));
  }

  @Override
  public Semaphore enter() {
    acquire();
    return this;
  }
}
