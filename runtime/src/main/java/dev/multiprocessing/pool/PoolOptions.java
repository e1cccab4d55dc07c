package dev.multiprocessing.pool;

import dev.multiprocessing.MpContext;

/**
 * Python's {@code Pool(processes, initializer, initargs, maxtasksperchild, context)} as options,
 * plus what Python lacks: {@link #setMaxRetries retries} of tasks whose worker died.
 */
public final class PoolOptions {

  private Integer processes;
  private Initializer initializer;
  private Integer maxTasksPerChild;
  private MpContext context;
  private int maxRetries;

  /** The number of workers; null (the default) means {@code cpuCount()}. */
  public Integer getProcesses() {
    return processes;
  }

  public PoolOptions setProcesses(Integer processes) {
    this.processes = processes;
    return this;
  }

  public Initializer getInitializer() {
    return initializer;
  }

  /** Runs once in each worker before its first task; initargs are the values it captures. */
  public PoolOptions setInitializer(Initializer initializer) {
    this.initializer = initializer;
    return this;
  }

  public Integer getMaxTasksPerChild() {
    return maxTasksPerChild;
  }

  /**
   * Python's {@code maxtasksperchild}: a worker exits and is replaced after that many tasks (a
   * task is a chunk, as in Python); null (the default) keeps workers for the pool's life.
   */
  public PoolOptions setMaxTasksPerChild(Integer maxTasksPerChild) {
    this.maxTasksPerChild = maxTasksPerChild;
    return this;
  }

  public MpContext getContext() {
    return context;
  }

  /** The context whose start method starts the workers; null means the default context. */
  public PoolOptions setContext(MpContext context) {
    this.context = context;
    return this;
  }

  public int getMaxRetries() {
    return maxRetries;
  }

  /**
   * How many times a task whose worker died while running it is run again, in another worker,
   * before it fails with {@link WorkerDiedError}. 0 (the default): it fails at once. Use it only
   * for tasks that are safe to run twice.
   */
  public PoolOptions setMaxRetries(int maxRetries) {
    this.maxRetries = maxRetries;
    return this;
  }
}
