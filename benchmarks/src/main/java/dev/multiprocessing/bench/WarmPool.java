package dev.multiprocessing.bench;

import dev.multiprocessing.impl.ForkServer;
import dev.multiprocessing.impl.MpRuntime;
import java.util.concurrent.TimeoutException;

/**
 * Waits, outside the timed region, until the fork server is ready to hand out a warm JVM.
 *
 * <p>Why: Python's fork server forks from one warm process and never runs dry. Ours keeps a pool
 * of warm JVMs ({@code multiprocessing.forkserver.poolSize}, default 2) and starts a replacement
 * (a JVM start plus a cluster join, 0.5-1 s) after each start. Back-to-back timed starts would
 * otherwise measure an empty pool, i.e. a cold JVM start, and not the warm start.
 *
 * <p>Two policies ({@code -Dbench.forkserver.wait=full|idle}):
 * <ul>
 *   <li>{@code full} (default): wait until the whole pool is idle, so that no replacement JVM from
 *       an earlier run still boots during the timed run (on 2 vCPUs it would steal CPU from it).
 *       The replacement that the timed start itself triggers does overlap it, as it would in any
 *       program.</li>
 *   <li>{@code idle}: wait only until one warm JVM is idle ({@link ForkServer#hasIdle()}).</li>
 * </ul>
 * The wait polls in 5 ms steps (acceptable in a benchmark harness, never in the runtime), bounded
 * to 30 s.
 */
final class WarmPool {

  private static final long STEP_MS = 5;
  private static final long LIMIT_NS = 30_000_000_000L;

  private final boolean full;
  private final int poolSize;
  private long waitedNs;
  private int waits;

  WarmPool() {
    this.full = !"idle".equals(System.getProperty("bench.forkserver.wait", "full"));
    // the runtime reads the same property with the same default (ForkServer's constructor)
    this.poolSize = Math.max(1, Integer.getInteger("multiprocessing.forkserver.poolSize", 2));
  }

  String policy() {
    return full ? "full_pool" : "one_idle";
  }

  int poolSize() {
    return poolSize;
  }

  /** Blocks until the fork server is ready by this policy. @throws TimeoutException after 30 s */
  void await() throws InterruptedException, TimeoutException {
    ForkServer fs = MpRuntime.get().forkServer();
    long t0 = System.nanoTime();
    while (!ready(fs)) {
      if (System.nanoTime() - t0 > LIMIT_NS) {
        throw new TimeoutException("fork server: " + fs.idleCount() + " idle warm JVM(s) after 30 s, wanted "
            + (full ? poolSize : 1));
      }
      Thread.sleep(STEP_MS);
    }
    waitedNs += System.nanoTime() - t0;
    waits++;
  }

  private boolean ready(ForkServer fs) {
    return full ? fs.idleCount() >= poolSize : fs.hasIdle();
  }

  /** Mean untimed wait per start, in ms (how long a refill took), for the META line. */
  double meanWaitMs() {
    return waits == 0 ? 0.0 : waitedNs / 1e6 / waits;
  }

  int waits() {
    return waits;
  }
}
