package dev.multiprocessing.pool;

import dev.multiprocessing.MpContext;
import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.impl.Blocking;
import dev.multiprocessing.pool.impl.Dispatcher;
import dev.multiprocessing.pool.impl.PoolStarts;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Python's {@code multiprocessing.pool.Pool}: worker processes, each a verticle in a JVM of its own,
 * to which tasks are sent over a pipe per worker ({@link dev.multiprocessing.connection.Connection}).
 *
 * <p>Functions are serializable lambdas ({@link Fn}, {@link Fn0}, {@link Fn2}...): they travel to
 * the workers with the values they capture. {@code map}, {@code imap} and {@code starmap} give
 * results in input order, {@code imapUnordered} in completion order; inputs are cut into chunks
 * (Python's default chunk size for {@code map}, 1 for {@code imap}). A task's exception reaches the
 * caller with its type and message, the worker's stack trace as a {@link RemoteTraceback} at the
 * end of its cause chain. An argument or result that cannot be pickled fails that task only.
 *
 * <p>What Python never got right: when a worker dies (SIGKILL, {@code System.exit}, out of memory)
 * the task it was running fails at once with a {@link WorkerDiedError} carrying its exit code, a
 * replacement starts, and every other task completes ({@link PoolOptions#setMaxRetries} runs such a
 * task again instead). No result waits forever for a dead worker.
 *
 * <p>Blocking methods ({@code apply}, {@code map}, {@code starmap}, {@code join}) fail at once on a
 * Vert.x event-loop thread; use the {@code Async} twins there (their {@link AsyncResult#future()}).
 * Constructing a pool does not block (beyond the runtime's first start): tasks submitted before the
 * workers are up wait for them. Methods are safe for use by several threads of the creating process.
 *
 * <p>{@link #close()} keeps Python's meaning (no new tasks; workers exit when the submitted ones are
 * done), so try-with-resources closes the pool; {@link #terminate()} ends the workers at once.
 */
public class Pool implements AutoCloseable {

  private final Dispatcher d;
  private volatile ExecutorService executor;

  /** Python's {@code Pool()}: {@code cpuCount()} workers. */
  public Pool() {
    this(new PoolOptions());
  }

  /** @throws IllegalArgumentException if {@code processes < 1} */
  public Pool(int processes) {
    this(new PoolOptions().setProcesses(processes));
  }

  /** Python's {@code Pool(processes, initializer, initargs)}; the initializer captures its args. */
  public Pool(int processes, Initializer initializer) {
    this(new PoolOptions().setProcesses(processes).setInitializer(initializer));
  }

  /** Python's {@code Pool(processes, initializer, initargs, maxtasksperchild)}. */
  public Pool(int processes, Initializer initializer, int maxTasksPerChild) {
    this(new PoolOptions().setProcesses(processes).setInitializer(initializer).setMaxTasksPerChild(maxTasksPerChild));
  }

  /** A pool configured by {@code options}. @throws IllegalArgumentException for bad options */
  public Pool(PoolOptions options) {
    this(options, false);
  }

  Pool(PoolOptions options, boolean threads) {
    int n = options.getProcesses() == null ? Multiprocessing.cpuCount() : options.getProcesses();
    if (n < 1) {
      throw new IllegalArgumentException("Number of processes must be at least 1");
    }
    Integer max = options.getMaxTasksPerChild();
    if (max != null && max < 1) {
      throw new IllegalArgumentException("maxtasksperchild must be a positive int or null, not " + max);
    }
    if (options.getMaxRetries() < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, not " + options.getMaxRetries());
    }
    if (threads && (max != null || options.getContext() != null || options.getMaxRetries() != 0)) {
      throw new IllegalArgumentException("a ThreadPool takes neither maxtasksperchild, context nor maxRetries");
    }
    MpContext ctx = options.getContext() != null ? options.getContext() : Multiprocessing.getContext();
    d = threads ? PoolStarts.threads(n, options.getInitializer())
        : PoolStarts.processes(n, ctx, options.getInitializer(), max == null ? 0 : max, options.getMaxRetries(),
            options.getWorkerJvmOptions());
  }

  /** Python's {@code apply(func, args)}: runs {@code f} in a worker and blocks for its result. */
  public <R> R apply(Fn0<R> f) {
    return Blocking.await(applyAsync(f).future(), "Pool.apply()", "applyAsync()");
  }

  /** Python's {@code apply_async(func, args)}. */
  public <R> AsyncResult<R> applyAsync(Fn0<R> f) {
    return applyAsync(f, null, null);
  }

  /** With a callback run on the result-handler thread (it must not block). */
  public <R> AsyncResult<R> applyAsync(Fn0<R> f, Consumer<? super R> callback) {
    return applyAsync(f, callback, null);
  }

  /** With a callback and an error callback (either may be null) run on the result-handler thread. */
  public <R> AsyncResult<R> applyAsync(Fn0<R> f, Consumer<? super R> callback, Consumer<? super Throwable> errorCallback) {
    return new AsyncResult<>(d.apply(f, callback, errorCallback));
  }

  /** Python's {@code map(func, iterable)}: blocks; results in input order; the first failure raises. */
  public <T, R> List<R> map(Fn<? super T, ? extends R> f, Iterable<? extends T> items) {
    return awaitList(d.map(f, items, 0, null, null), "Pool.map()");
  }

  /** With an explicit chunk size (items per task). */
  public <T, R> List<R> map(Fn<? super T, ? extends R> f, Iterable<? extends T> items, int chunksize) {
    return awaitList(d.map(f, items, checkChunksize(chunksize), null, null), "Pool.map()");
  }

  /** Python's {@code map_async(func, iterable)}. */
  public <T, R> AsyncResult<List<R>> mapAsync(Fn<? super T, ? extends R> f, Iterable<? extends T> items) {
    return new AsyncResult<>(d.map(f, items, 0, null, null));
  }

  /** With a chunk size (0: Python's default) and callbacks (either may be null). */
  public <T, R> AsyncResult<List<R>> mapAsync(Fn<? super T, ? extends R> f, Iterable<? extends T> items,
      int chunksize, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
    return new AsyncResult<>(d.map(f, items, chunksize == 0 ? 0 : checkChunksize(chunksize), callback, errorCallback));
  }

  /** Python's {@code imap(func, iterable)}: lazy, in input order, chunk size 1. */
  public <T, R> PoolIterator<R> imap(Fn<? super T, ? extends R> f, Iterable<? extends T> items) {
    return d.imap(f, items, 1, true);
  }

  public <T, R> PoolIterator<R> imap(Fn<? super T, ? extends R> f, Iterable<? extends T> items, int chunksize) {
    return d.imap(f, items, chunksize, true);
  }

  /** Python's {@code imap_unordered(func, iterable)}: lazy, in completion order. */
  public <T, R> PoolIterator<R> imapUnordered(Fn<? super T, ? extends R> f, Iterable<? extends T> items) {
    return d.imap(f, items, 1, false);
  }

  public <T, R> PoolIterator<R> imapUnordered(Fn<? super T, ? extends R> f, Iterable<? extends T> items, int chunksize) {
    return d.imap(f, items, chunksize, false);
  }

  /** Python's {@code starmap(func, [(a, b), ...])}: {@code starmap(f, List.of(Args.of(1, 2), ...))}. */
  public <A, B, R> List<R> starmap(Fn2<? super A, ? super B, ? extends R> f, Iterable<? extends Args.Two<A, B>> args) {
    return map(spread(f), args);
  }

  public <A, B, R> List<R> starmap(Fn2<? super A, ? super B, ? extends R> f, Iterable<? extends Args.Two<A, B>> args,
      int chunksize) {
    return map(spread(f), args, chunksize);
  }

  public <A, B, C, R> List<R> starmap(Fn3<? super A, ? super B, ? super C, ? extends R> f,
      Iterable<? extends Args.Three<A, B, C>> args) {
    return map(spread(f), args);
  }

  public <A, B, C, R> List<R> starmap(Fn3<? super A, ? super B, ? super C, ? extends R> f,
      Iterable<? extends Args.Three<A, B, C>> args, int chunksize) {
    return map(spread(f), args, chunksize);
  }

  public <A, B, C, D, R> List<R> starmap(Fn4<? super A, ? super B, ? super C, ? super D, ? extends R> f,
      Iterable<? extends Args.Four<A, B, C, D>> args) {
    return map(spread(f), args);
  }

  /** Python's {@code starmap_async}. */
  public <A, B, R> AsyncResult<List<R>> starmapAsync(Fn2<? super A, ? super B, ? extends R> f,
      Iterable<? extends Args.Two<A, B>> args) {
    return mapAsync(spread(f), args);
  }

  /** With a chunk size (0: Python's default) and callbacks (either may be null). */
  public <A, B, R> AsyncResult<List<R>> starmapAsync(Fn2<? super A, ? super B, ? extends R> f,
      Iterable<? extends Args.Two<A, B>> args, int chunksize, Consumer<? super List<R>> callback,
      Consumer<? super Throwable> errorCallback) {
    return mapAsync(spread(f), args, chunksize, callback, errorCallback);
  }

  public <A, B, C, R> AsyncResult<List<R>> starmapAsync(Fn3<? super A, ? super B, ? super C, ? extends R> f,
      Iterable<? extends Args.Three<A, B, C>> args) {
    return mapAsync(spread(f), args);
  }

  public <A, B, C, D, R> AsyncResult<List<R>> starmapAsync(Fn4<? super A, ? super B, ? super C, ? super D, ? extends R> f,
      Iterable<? extends Args.Four<A, B, C, D>> args) {
    return mapAsync(spread(f), args);
  }

  private static <A, B, R> Fn<Args.Two<A, B>, R> spread(Fn2<? super A, ? super B, ? extends R> f) {
    return t -> f.apply(t.a(), t.b());
  }

  private static <A, B, C, R> Fn<Args.Three<A, B, C>, R> spread(Fn3<? super A, ? super B, ? super C, ? extends R> f) {
    return t -> f.apply(t.a(), t.b(), t.c());
  }

  private static <A, B, C, D, R> Fn<Args.Four<A, B, C, D>, R> spread(
      Fn4<? super A, ? super B, ? super C, ? super D, ? extends R> f) {
    return t -> f.apply(t.a(), t.b(), t.c(), t.d());
  }

  /**
   * Python's {@code close()}: no new tasks; once the submitted tasks are done the workers exit.
   * Does not block. Also what try-with-resources calls.
   */
  @Override
  public void close() {
    d.close();
  }

  /**
   * Python's {@code terminate()}: ends the workers now, whatever they run or have pending; results
   * not yet ready fail with {@link IllegalStateException}. Returns without waiting (see {@link #join()}).
   */
  public void terminate() {
    d.terminate();
  }

  /**
   * Waits until every worker has exited. @throws IllegalStateException unless {@link #close()} or
   * {@link #terminate()} was called first
   */
  public void join() {
    Blocking.await(d.joinAsync(), "Pool.join()", "joinAsync()");
  }

  /** The async twin of {@link #join()}. */
  public Future<Void> joinAsync() {
    return d.joinAsync();
  }

  /**
   * A {@link ExecutorService} view of this pool, for Java code that takes an executor: its tasks
   * run in the workers (so they must be serializable: a lambda cast to
   * {@code Callable & Serializable}, or a {@code Serializable} class; otherwise the returned
   * future fails with {@link dev.multiprocessing.codecs.PicklingError}). {@code shutdown} is
   * {@link #close()}, {@code shutdownNow} is {@link #terminate()}, {@code awaitTermination}
   * waits for the workers to exit. Futures cannot interrupt a task running in a worker.
   */
  public ExecutorService asExecutorService() {
    ExecutorService e = executor;
    if (e == null) {
      synchronized (this) {
        if (executor == null) {
          executor = new PoolExecutorService(this);
        }
        e = executor;
      }
    }
    return e;
  }

  /** The pids of the live workers (empty for a {@link ThreadPool}). */
  public List<Long> workerPids() {
    return d.workerPids();
  }

  boolean isRunning() {
    return d.state() == Dispatcher.State.RUN;
  }

  boolean isTerminatedOrClosed() {
    return d.state() != Dispatcher.State.RUN;
  }

  private static int checkChunksize(int chunksize) {
    if (chunksize < 1) {
      throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
    }
    return chunksize;
  }

  private static <R> List<R> awaitList(Future<List<R>> f, String call) {
    return Blocking.await(f, call, "mapAsync()");
  }

  @Override
  public String toString() {
    return d.toString();
  }
}
