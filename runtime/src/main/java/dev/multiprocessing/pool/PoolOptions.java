package dev.multiprocessing.pool;

import dev.multiprocessing.MpContext;
import dev.multiprocessing.ProcessOptions;
import java.util.List;

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
  private List<String> workerJvmOptions = List.of();

  public PoolOptions() {}

  /** A copy of {@code other}, as Vert.x options objects have. */
  public PoolOptions(PoolOptions other) {
    this.processes = other.processes;
    this.initializer = other.initializer;
    this.maxTasksPerChild = other.maxTasksPerChild;
    this.context = other.context;
    this.maxRetries = other.maxRetries;
    this.workerJvmOptions = other.workerJvmOptions;
  }

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

  public List<String> getWorkerJvmOptions() {
    return workerJvmOptions;
  }

  /**
   * Extra flags for each worker's JVM (process pools only; a thread pool ignores them), as
   * {@link ProcessOptions#setJvmOptions}: for example {@code -XX:TieredStopAtLevel=4} to give
   * long CPU-bound workers the full JIT, or {@code -Xmx2g}. Workers with flags of their own are
   * launched in fresh JVMs (the fork server's warm JVMs run the default flags), so the pool takes
   * as long to start as with {@code spawn}.
   *
   * @throws IllegalArgumentException if an option does not start with {@code -}
   */
  public PoolOptions setWorkerJvmOptions(List<String> workerJvmOptions) {
    this.workerJvmOptions = new ProcessOptions().setJvmOptions(workerJvmOptions).getJvmOptions();
    return this;
  }
}
