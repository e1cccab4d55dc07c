package dev.multiprocessing.pool.impl;

import dev.multiprocessing.impl.MpLogging;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * Completes an {@link dev.multiprocessing.pool.AsyncResult}'s future, first running the user's
 * callback, as Python does, on the pool's result-handler thread. Without a callback it completes at
 * once in the calling thread (one hop less for {@code applyAsync(...).get()}). A callback that
 * throws is logged and never stops the pool; the result still completes.
 */
final class ResultPromise<T> {

  private final Promise<T> promise = Promise.promise();
  private final Consumer<? super T> callback;
  private final Consumer<? super Throwable> errorCallback;
  private final Executor handler;

  ResultPromise(Consumer<? super T> callback, Consumer<? super Throwable> errorCallback, Executor handler) {
    this.callback = callback;
    this.errorCallback = errorCallback;
    this.handler = handler;
  }

  Future<T> future() {
    return promise.future();
  }

  void succeed(T value) {
    if (callback == null) {
      promise.tryComplete(value);
    } else {
      onHandler(() -> {
        run(callback, value);
        promise.tryComplete(value);
      });
    }
  }

  void fail(Throwable error) {
    if (errorCallback == null) {
      promise.tryFail(error);
    } else {
      onHandler(() -> {
        run(errorCallback, error);
        promise.tryFail(error);
      });
    }
  }

  /** On the result-handler thread; in the calling thread once the pool has shut that thread down. */
  private void onHandler(Runnable r) {
    try {
      handler.execute(r);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      r.run();
    }
  }

  private static <V> void run(Consumer<? super V> cb, V value) {
    try {
      cb.accept(value);
    } catch (Throwable t) {
      MpLogging.logger().log(Level.WARNING, "a pool callback raised (the pool keeps working)", t);
    }
  }
}
