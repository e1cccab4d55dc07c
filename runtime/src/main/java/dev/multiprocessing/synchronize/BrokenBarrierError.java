package dev.multiprocessing.synchronize;

/**
 * Python's {@code threading.BrokenBarrierError}: the {@link Barrier} was broken (a timeout, an
 * {@code abort()}, a {@code reset()} while parties waited, its action failed, or a waiting
 * party's process died) while this party waited, or was already broken when it arrived.
 */
public class BrokenBarrierError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BrokenBarrierError() {
    super("the barrier is broken");
  }
}
