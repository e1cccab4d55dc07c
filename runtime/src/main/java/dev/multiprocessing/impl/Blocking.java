package dev.multiprocessing.impl;

import dev.multiprocessing.ProcessError;
import dev.multiprocessing.TimeoutError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one place where a blocking method waits for the Future of its async twin.
 *
 * <p>Waiting on an event-loop thread would freeze every handler of that loop, so it fails at once
 * and names the twin to use. Worker threads and plain threads may block.
 */
public final class Blocking {

  private Blocking() {}

  /** Fails with {@link IllegalStateException} on a Vert.x event-loop thread. */
  public static void checkMayBlock(String call, String asyncTwin) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(call + " blocks and cannot be called on a Vert.x event-loop thread ("
          + Thread.currentThread().getName() + "): use " + asyncTwin + " instead");
    }
  }

  /**
   * Waits for the future without limit and returns its value, rethrowing its failure unchecked.
   * An interrupt ends the wait with {@link ProcessError} and leaves the thread's interrupt flag
   * set (the operation itself goes on: its future is not cancelled).
   */
  public static <T> T await(Future<T> future, String call, String asyncTwin) {
    checkMayBlock(call, asyncTwin);
    if (future.isComplete()) {
      return unwrap(future);
    }
    CompletableFuture<T> cf = future.toCompletionStage().toCompletableFuture();
    try {
      return cf.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProcessError(call + " was interrupted", e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /**
   * A Python timeout in seconds as a Vert.x timer delay: rounded up to whole milliseconds, at least
   * 1 (Vert.x refuses 0), and bounded so that an enormous timeout cannot overflow a deadline.
   */
  public static long timerMillis(double seconds) {
    return Math.max(1, (long) Math.ceil(Math.min(seconds * 1000, Long.MAX_VALUE / 4.0)));
  }

  /**
   * Waits up to {@code timeoutSeconds} (Python's float seconds; zero or below does not wait).
   *
   * @throws TimeoutError when the future is not complete in time
   */
  public static <T> T await(Future<T> future, double timeoutSeconds, String call, String asyncTwin) {
    checkMayBlock(call, asyncTwin);
    if (future.isComplete()) {
      return unwrap(future);
    }
    if (timeoutSeconds <= 0 || Double.isNaN(timeoutSeconds)) {
      throw new TimeoutError(call + " timed out");
    }
    CompletableFuture<T> cf = future.toCompletionStage().toCompletableFuture();
    long nanos = (long) Math.min(timeoutSeconds * 1e9, Long.MAX_VALUE / 2.0);
    try {
      return cf.get(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutError(call + " was interrupted");
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new TimeoutError(call + " timed out after " + timeoutSeconds + " s");
    }
  }

  private static <T> T unwrap(Future<T> future) {
    if (future.succeeded()) {
      return future.result();
    }
    throw rethrow(future.cause());
  }

  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException) {
      return (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    return new dev.multiprocessing.ProcessError(String.valueOf(t.getMessage()), t);
  }
}
