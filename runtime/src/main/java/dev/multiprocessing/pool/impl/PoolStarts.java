package dev.multiprocessing.pool.impl;

import dev.multiprocessing.MpContext;
import dev.multiprocessing.impl.MpRuntime;
import dev.multiprocessing.pool.Initializer;

/** Builds a pool's dispatcher and backend and starts its workers. */
public final class PoolStarts {

  private PoolStarts() {}

  /** A process pool. With {@code forkserver}, the fork server is asked to keep {@code n} warm JVMs from now on. */
  public static Dispatcher processes(int n, MpContext ctx, Initializer init, int maxTasks, int retries) {
    MpRuntime rt = MpRuntime.get();
    if ("forkserver".equals(ctx.getStartMethod()) && !rt.isChild()) {
      rt.forkServer().keepWarm(n);
    }
    String prefix = "forkserver".equals(ctx.getStartMethod()) ? "ForkServerPoolWorker" : "SpawnPoolWorker";
    Dispatcher d = new Dispatcher(new ProcessBackend(ctx, init), "Pool", n, maxTasks, retries);
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
