package dev.multiprocessing.pool;

import dev.multiprocessing.TimeoutError;
import dev.multiprocessing.impl.Blocking;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@link java.util.concurrent.ExecutorService} view of a {@link Pool}
 * ({@link Pool#asExecutorService()}). {@code submit}, {@code invokeAll} and {@code invokeAny} go
 * through {@link #newTaskFor}, whose task, when executed, sends its callable to the pool with
 * {@code applyAsync} and completes from the result; a plain {@code execute(Runnable)} does the
 * same with the runnable. Either must be serializable to travel to a worker.
 */
final class PoolExecutorService extends AbstractExecutorService {

  private final Pool pool;

  PoolExecutorService(Pool pool) {
    this.pool = pool;
  }

  /** A task of this executor: running it submits the callable to the pool. */
  private final class RemoteTask<T> extends CompletableFuture<T> implements RunnableFuture<T> {
    private final Callable<T> callable;

    RemoteTask(Callable<T> callable) {
      this.callable = callable;
    }

    @Override
    public void run() {
      Callable<T> c = callable;
      if (!(c instanceof java.io.Serializable)) {
        completeExceptionally(new dev.multiprocessing.codecs.PicklingError("cannot pickle '" + c.getClass().getName()
            + "' object: a task for a process pool's executor must be Serializable"
            + " (e.g. a lambda cast to Callable & Serializable)"));
        return;
      }
      try {
        pool.applyAsync(c::call).future().onComplete(ar -> {
          if (ar.succeeded()) {
            complete(ar.result());
          } else {
            completeExceptionally(ar.cause());
          }
        });
      } catch (RuntimeException e) {
        completeExceptionally(e);
      }
    }
  }

  @Override
  protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
    return new RemoteTask<>(callable);
  }

  @Override
  protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
    return new RemoteTask<>(serializableCall(runnable, value));
  }

  private static <T> Callable<T> serializableCall(Runnable r, T value) {
    if (!(r instanceof java.io.Serializable)) {
      return () -> {
        r.run();
        return value;
      };
    }
    return (Callable<T> & java.io.Serializable) () -> {
      r.run();
      return value;
    };
  }

  @Override
  public void execute(Runnable command) {
    if (!pool.isRunning()) {
      throw new RejectedExecutionException("the pool is closed or terminated");
    }
    if (command instanceof RemoteTask<?> t) {
      t.run();
    } else {
      newTaskFor(command, null).run();
    }
  }

  @Override
  public void shutdown() {
    pool.close();
  }

  @Override
  public List<Runnable> shutdownNow() {
    pool.terminate();
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return pool.isTerminatedOrClosed();
  }

  @Override
  public boolean isTerminated() {
    return pool.isTerminatedOrClosed() && pool.joinAsync().isComplete();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    if (!pool.isTerminatedOrClosed()) {
      return false;
    }
    try {
      Blocking.await(pool.joinAsync(), unit.toNanos(timeout) / 1e9, "awaitTermination", "Pool.joinAsync()");
      return true;
    } catch (TimeoutError e) {
      return false;
    }
  }
}
