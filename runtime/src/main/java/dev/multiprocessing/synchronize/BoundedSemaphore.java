package dev.multiprocessing.synchronize;

import dev.multiprocessing.synchronize.impl.Ref;
import dev.multiprocessing.synchronize.impl.SemaphoreState;
import dev.multiprocessing.synchronize.impl.SyncHandle;

/**
 * Python's {@code multiprocessing.BoundedSemaphore}: a {@link Semaphore} that may not be released
 * above its initial value; such a release raises {@link IllegalStateException} (Python's
 * {@code ValueError}) and changes nothing.
 */
public final class BoundedSemaphore extends Semaphore {

  static {
    SyncHandle.register(BoundedSemaphore.class, (ref, extra) -> new BoundedSemaphore(ref));
  }

  public BoundedSemaphore(int value) {
    super(home(new SemaphoreState(check(value), value)));
  }

  private BoundedSemaphore(Ref ref) {
    super(ref);
  }

  @Override
  public BoundedSemaphore enter() {
    acquire();
    return this;
  }
}
