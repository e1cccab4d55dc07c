package dev.multiprocessing.pool;

import dev.multiprocessing.TimeoutError;
import dev.multiprocessing.impl.Blocking;
import io.vertx.core.Future;
import java.util.Objects;

/**
 * Python's {@code AsyncResult}: the result of {@link Pool#applyAsync}, {@link Pool#mapAsync} or
 * {@link Pool#starmapAsync}, a thin face over a Vert.x {@link Future} ({@link #future()}).
 *
 * <p>{@link #get()} and {@link #await()} block (not on a Vert.x event-loop thread, where they fail
 * at once: use {@link #future()} there). A task's exception is rethrown by {@code get()} with its
 * original type and message; its cause chain ends with a {@link RemoteTraceback} holding the
 * worker's stack trace. When the worker running the task dies, {@code get()} raises
 * {@link WorkerDiedError}; after {@link Pool#terminate()}, tasks not yet done raise
 * {@link IllegalStateException}. A result never stays pending forever because of a dead worker.
 *
 * <p>A callback given with the task runs on the pool's result-handler thread before the result
 * becomes ready, as in Python. Safe for use by several threads.
 */
public final class AsyncResult<T> {

  private final Future<T> future;

  /** A result that completes with {@code future}. */
  public AsyncResult(Future<T> future) {
    this.future = Objects.requireNonNull(future, "future");
  }

  /** Waits for the result and returns it, or rethrows the task's exception. */
  public T get() {
    return Blocking.await(future, "AsyncResult.get()", "future()");
  }

  /**
   * Waits at most {@code timeout} seconds (Python's float seconds).
   *
   * @throws TimeoutError if the result is not ready in time (the task keeps running)
   */
  public T get(double timeout) {
    return Blocking.await(future, timeout, "AsyncResult.get(timeout)", "future()");
  }

  /** Python's {@code wait()}: waits until the result is ready (successful or not). */
  public void await() {
    try {
      Blocking.await(future, "AsyncResult.await()", "future()");
    } catch (RuntimeException | Error e) {
      // ready, unsuccessfully: wait() does not raise
      if (!future.isComplete()) {
        throw e;
      }
    }
  }

  /** Python's {@code wait(timeout)}: waits at most {@code timeout} seconds; returns {@link #ready()}. */
  public boolean await(double timeout) {
    try {
      Blocking.await(future, timeout, "AsyncResult.await(timeout)", "future()");
    } catch (TimeoutError e) {
      return false;
    } catch (RuntimeException | Error e) {
      if (!future.isComplete()) {
        throw e;
      }
    }
    return true;
  }

  /** Whether the call has completed. Never blocks. */
  public boolean ready() {
    return future.isComplete();
  }

  /**
   * Whether the call completed without raising.
   *
   * @throws IllegalStateException if the result is not ready (Python's ValueError)
   */
  public boolean successful() {
    if (!future.isComplete()) {
      throw new IllegalStateException(this + " not ready");
    }
    return future.succeeded();
  }

  /** The Vert.x future of this result: the async twin of {@link #get()}. */
  public Future<T> future() {
    return future;
  }

  @Override
  public String toString() {
    return "<AsyncResult " + (future.isComplete() ? (future.succeeded() ? "successful" : "failed") : "pending") + ">";
  }
}
