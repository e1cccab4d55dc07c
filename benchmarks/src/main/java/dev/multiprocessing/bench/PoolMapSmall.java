package dev.multiprocessing.bench;

import dev.multiprocessing.MpContext;
import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.impl.MpRuntime;
import dev.multiprocessing.pool.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The {@code pool_map_small} group, mpbench.py's {@code wl_pool_map_small}: {@code Pool(2)} start
 * to first result and close+join, then map throughput with default chunks and chunk size 1,
 * imap_unordered with chunk size 1, and apply_async→get latency, all with {@code sq(x) = x * x}.
 *
 * <p>Workers come from the fork server (mpbench uses fork). Before each timed pool start this
 * waits, untimed, for the fork server's warm JVMs ({@link WarmPool}), and before the throughput
 * runs for the replacements that the pool's start triggered, so that no JVM boots during a timed
 * region.
 */
final class PoolMapSmall implements Workload {

  static final String METHOD = "forkserver";

  @Override
  public void run(Params params, Results out) throws Exception {
    MpRuntime.get();
    MpContext ctx = Multiprocessing.getContext(METHOD);
    WarmPool warm = new WarmPool();
    int reps = params.get("reps");
    List<Double> starts = new ArrayList<>();
    List<Double> closes = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      warm.await();
      long t0 = System.nanoTime();
      Pool pool = ctx.pool(2);
      pool.applyAsync(() -> PoolTargets.sq(1)).get();
      starts.add((System.nanoTime() - t0) / 1e6);
      t0 = System.nanoTime();
      pool.close();
      pool.join();
      closes.add((System.nanoTime() - t0) / 1e6);
    }
    out.emit("pool_start", "ms_to_first_result", starts, "processes", 2, "method", METHOD);
    out.emit("pool_close_join", "ms", closes, "processes", 2, "method", METHOD);
    out.meta("workload", "pool_map_small", "warm_pool_wait", warm.policy(), "mean_wait_ms", warm.meanWaitMs());

    try (Pool pool = ctx.pool(2)) {
      pool.map(PoolTargets::sq, range(1000));
      warm.await();
      throughput(pool, params, out);
      latency(pool, params, out);
      pool.terminate();
    }
  }

  private static void throughput(Pool pool, Params params, Results out) {
    int n = params.get("n_map");
    List<Integer> input = range(n);
    List<Double> res = new ArrayList<>();
    for (int r = 0; r < params.get("map_reps"); r++) {
      long t0 = System.nanoTime();
      List<Integer> o = pool.map(PoolTargets::sq, input);
      res.add(n / ((System.nanoTime() - t0) / 1e9));
      check(o.size() == n && o.get(n - 1) == (n - 1) * (n - 1), "map result");
    }
    out.emit("pool_map_default_chunks", "items_per_s", res, "n", n, "processes", 2, "chunksize", (n + 7) / 8,
        "method", METHOD);

    n = params.get("n_chunk1");
    input = range(n);
    res = new ArrayList<>();
    for (int r = 0; r < params.get("reps"); r++) {
      long t0 = System.nanoTime();
      List<Integer> o = pool.map(PoolTargets::sq, input, 1);
      res.add(n / ((System.nanoTime() - t0) / 1e9));
      check(o.size() == n && o.get(n - 1) == (n - 1) * (n - 1), "map result");
    }
    out.emit("pool_map_chunksize1", "items_per_s", res, "n", n, "processes", 2, "chunksize", 1, "method", METHOD);

    n = params.get("n_imap");
    input = range(n);
    long expected = 0;
    for (int i = 0; i < n; i++) {
      expected += (long) i * i;
    }
    res = new ArrayList<>();
    for (int r = 0; r < params.get("reps"); r++) {
      long t0 = System.nanoTime();
      long total = 0;
      for (int v : pool.imapUnordered(PoolTargets::sq, input, 1)) {
        total += v;
      }
      res.add(n / ((System.nanoTime() - t0) / 1e9));
      check(total == expected, "imap result");
    }
    out.emit("pool_imap_unordered_chunksize1", "items_per_s", res, "n", n, "processes", 2, "chunksize", 1,
        "method", METHOD);
  }

  private static void latency(Pool pool, Params params, Results out) {
    int n = params.get("n_apply");
    for (int i = 0; i < 200; i++) {
      int x = i;
      pool.applyAsync(() -> PoolTargets.sq(x)).get();
    }
    List<Double> lat = new ArrayList<>();
    int r = 0;
    for (int i = 0; i < n; i++) {
      int x = i;
      long t0 = System.nanoTime();
      r = pool.applyAsync(() -> PoolTargets.sq(x)).get();
      lat.add((System.nanoTime() - t0) / 1e3);
    }
    check(r == (n - 1) * (n - 1), "apply result");
    out.emit("pool_apply_async_latency", "us_per_call", lat, "n", n, "processes", 2, "method", METHOD,
        "stat", "median_of_calls", "mean", lat.stream().mapToDouble(Double::doubleValue).average().orElse(0));
  }

  static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("check failed: " + what);
    }
  }
}
