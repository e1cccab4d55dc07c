package dev.multiprocessing.synchronize;

import io.vertx.core.Future;

/**
 * What Python's lock-like objects share ({@link Lock}, {@link RLock}, {@link Semaphore}): the
 * {@code acquire} forms, {@code release}, and the {@code with} statement as try-with-resources:
 * {@code try (var held = lock.enter()) { ... }} acquires in {@code enter()} and releases in
 * {@code close()}.
 *
 * <p>Blocking forms block the calling thread (never an event loop: there they fail at once with
 * {@link IllegalStateException} naming the async twin). {@code acquire(block, timeout)} with a
 * timeout of zero or below does not wait and returns false if it cannot acquire at once.
 */
public interface Acquirable extends AutoCloseable {

  /** Blocks until acquired; returns true. */
  boolean acquire();

  /** {@code block} false: acquire only if possible at once. */
  boolean acquire(boolean block);

  /** Waits at most {@code timeout} seconds ({@code Double.POSITIVE_INFINITY}: forever); false if not acquired. */
  boolean acquire(boolean block, double timeout);

  /** Async twin of {@link #acquire()}. */
  Future<Boolean> acquireAsync();

  /** Async twin of {@link #acquire(boolean, double)}. */
  Future<Boolean> acquireAsync(boolean block, double timeout);

  /** Releases (waits for the primitive's home to confirm, which may be in another process). */
  void release();

  /** Async twin of {@link #release()}. */
  Future<Void> releaseAsync();

  /** Python's {@code __enter__}: acquires (blocking) and returns this, for try-with-resources. */
  Acquirable enter();

  /** Python's {@code __exit__}: releases. */
  @Override
  void close();
}
