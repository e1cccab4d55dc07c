package dev.multiprocessing.pool.impl;

import dev.multiprocessing.MpContext;
import dev.multiprocessing.impl.MpRuntime;
import dev.multiprocessing.pool.Initializer;
import java.util.List;

/** Builds a pool's dispatcher and backend and starts its workers. */
public final class PoolStarts {

  private PoolStarts() {}

  /**
   * A process pool. With {@code forkserver} (and no JVM options of the workers' own), the fork
   * server is asked to keep {@code n} warm JVMs from now on.
   */
  public static Dispatcher processes(int n, MpContext ctx, Initializer init, int maxTasks, int retries,
      List<String> jvmOptions) {
    MpRuntime rt = MpRuntime.get();
    boolean warm = "forkserver".equals(ctx.getStartMethod()) && jvmOptions.isEmpty();
    if (warm && !rt.isChild()) {
      rt.forkServer().keepWarm(n);
    }
    String prefix = warm ? "ForkServerPoolWorker" : "SpawnPoolWorker";
    Dispatcher d = new Dispatcher(new ProcessBackend(ctx, init, jvmOptions), "Pool", n, maxTasks, retries);
    d.start(prefix);
    return d;
  }

  /** A thread pool. */
  public static Dispatcher threads(int n, Initializer init) {
    Dispatcher d = new Dispatcher(new ThreadBackend(init), "ThreadPool", n, 0, 0);
    d.start("ThreadPoolWorker");
    return d;
  }
}
