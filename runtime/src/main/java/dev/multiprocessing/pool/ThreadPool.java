package dev.multiprocessing.pool;

/**
 * Python's {@code multiprocessing.pool.ThreadPool}: the interface of {@link Pool} on worker threads
 * of this JVM. Nothing is pickled (functions and values are shared, not copied); ordering,
 * chunking, errors, callbacks and close/terminate/join behave as in a process pool.
 * {@code maxtasksperchild}, a context and retries cannot be given ({@link IllegalArgumentException}).
 * {@link #terminate()} interrupts the threads; a task that ignores interruption runs on, unobserved.
 */
public class ThreadPool extends Pool {

  /** {@code cpuCount()} threads. */
  public ThreadPool() {
    this(new PoolOptions());
  }

  public ThreadPool(int processes) {
    this(new PoolOptions().setProcesses(processes));
  }

  public ThreadPool(int processes, Initializer initializer) {
    this(new PoolOptions().setProcesses(processes).setInitializer(initializer));
  }

  public ThreadPool(PoolOptions options) {
    super(options, true);
  }
}
