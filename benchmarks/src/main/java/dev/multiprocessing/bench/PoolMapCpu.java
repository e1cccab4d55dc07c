package dev.multiprocessing.bench;

import dev.multiprocessing.MpContext;
import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.impl.MpRuntime;
import dev.multiprocessing.pool.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code pool_map_cpu} group, mpbench.py's {@code wl_pool_map_cpu}: {@code cpu_task} over
 * {@code range(64)} serially, with {@code Pool(1)} and with {@code Pool(2)} (default chunk sizes 16
 * and 8), every result list checked against the serial one. mpbench's {@code calib_rawfork2}
 * (two bare {@code os.fork()} children) has no JVM twin; the parallel capacity of the moment is
 * estimated instead with two plain threads of this JVM ({@code calib_threads2}, Java-only).
 *
 * <p>Java runs {@code cpu_task} about 150 times faster than CPython (about 85 us against 15 ms),
 * so with mpbench's parameters the whole map is a few milliseconds of work and the dispatch of
 * chunks, not the computation, sets the time. The Java-only rows {@code pool_cpu_*_scaled} run the
 * same map with {@code inner} multiplied by {@code scale} (128: about CPython's time per task), to
 * show how the pool spreads work that is CPU-bound for the JVM too.
 */
final class PoolMapCpu implements Workload {

  @Override
  public void run(Params params, Results out) throws Exception {
    int items = params.get("items");
    int inner = params.get("inner");
    int reps = params.get("reps");
    MpRuntime.get();
    MpContext ctx = Multiprocessing.getContext(PoolMapSmall.METHOD);
    List<Long> expected = serial(items, inner);
    List<Double> serial = new ArrayList<>();
    List<Double> threads2 = new ArrayList<>();
    List<Double> t1s = new ArrayList<>();
    List<Double> t2s = new ArrayList<>();
    Pool pool1 = ctx.pool(1);
    Pool pool2 = ctx.pool(2);
    pool1.map(PoolTargets::sq, PoolMapSmall.range(10));
    pool2.map(PoolTargets::sq, PoolMapSmall.range(10));
    new WarmPool().await();
    List<Integer> input = PoolMapSmall.range(items);
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      List<Long> out0 = serial(items, inner);
      serial.add((System.nanoTime() - t0) / 1e9);
      threads2.add(threads2(items, inner));
      t0 = System.nanoTime();
      List<Long> out1 = pool1.map(x -> PoolTargets.cpuTask(x, inner), input);
      t1s.add((System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      List<Long> out2 = pool2.map(x -> PoolTargets.cpuTask(x, inner), input);
      t2s.add((System.nanoTime() - t0) / 1e9);
      PoolMapSmall.check(out0.equals(expected) && out1.equals(expected) && out2.equals(expected), "cpu results");
    }
    scaled(params, out, pool1, pool2, input);
    pool1.close();
    pool2.close();
    pool1.join();
    pool2.join();
    out.emit("pool_cpu_serial", "s_wall", serial, "items", items, "inner", inner);
    out.emit("pool_cpu_pool1", "s_wall", t1s, "items", items, "inner", inner, "processes", 1,
        "chunksize", (items + 3) / 4, "method", PoolMapSmall.METHOD);
    out.emit("pool_cpu_pool2", "s_wall", t2s, "items", items, "inner", inner, "processes", 2,
        "chunksize", (items + 7) / 8, "method", PoolMapSmall.METHOD);
    List<Double> speedup = new ArrayList<>();
    List<Double> capacity = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      speedup.add(t1s.get(i) / t2s.get(i));
      capacity.add(serial.get(i) / threads2.get(i));
    }
    out.emit("pool_cpu_speedup", "x_pool1_over_pool2", speedup, "items", items, "inner", inner);
    out.emit("calib_threads2", "s_wall", threads2, "items", items, "inner", inner, "threads", 2);
    out.emit("calib_parallel_capacity", "x_serial_over_threads2", capacity, "items", items, "inner", inner);
  }

  /** The same maps with {@code inner × scale}: work that is CPU-bound for the JVM as well. */
  private static void scaled(Params params, Results out, Pool pool1, Pool pool2, List<Integer> input)
      throws Exception {
    int inner = params.get("inner") * params.get("scale");
    List<Long> expected = serial(input.size(), inner);
    new WarmPool().await(); // no replacement JVM may still boot: it would take a core
    List<Double> t1s = new ArrayList<>();
    List<Double> t2s = new ArrayList<>();
    List<Double> speedup = new ArrayList<>();
    for (int r = 0; r < params.get("scaled_reps"); r++) {
      long t0 = System.nanoTime();
      List<Long> out1 = pool1.map(x -> PoolTargets.cpuTask(x, inner), input);
      t1s.add((System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      List<Long> out2 = pool2.map(x -> PoolTargets.cpuTask(x, inner), input);
      t2s.add((System.nanoTime() - t0) / 1e9);
      PoolMapSmall.check(out1.equals(expected) && out2.equals(expected), "scaled cpu results");
      speedup.add(t1s.get(r) / t2s.get(r));
    }
    out.emit("pool_cpu_pool1_scaled", "s_wall", t1s, "items", input.size(), "inner", inner, "processes", 1);
    out.emit("pool_cpu_pool2_scaled", "s_wall", t2s, "items", input.size(), "inner", inner, "processes", 2);
    out.emit("pool_cpu_speedup_scaled", "x_pool1_over_pool2", speedup, "items", input.size(), "inner", inner);
  }

  private static List<Long> serial(int items, int inner) {
    List<Long> out = new ArrayList<>(items);
    for (int x = 0; x < items; x++) {
      out.add(PoolTargets.cpuTask(x, inner));
    }
    return out;
  }

  /** Two plain threads split the items round-robin, as mpbench's two raw forked children do. */
  private static double threads2(int items, int inner) throws InterruptedException {
    long t0 = System.nanoTime();
    long[] sink = new long[2];
    Thread[] ts = new Thread[2];
    for (int k = 0; k < 2; k++) {
      int first = k;
      ts[k] = new Thread(() -> {
        for (int x = first; x < items; x += 2) {
          sink[first] += PoolTargets.cpuTask(x, inner);
        }
      });
      ts[k].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    PoolMapSmall.check(sink[0] + sink[1] != 0, "threads ran");
    return (System.nanoTime() - t0) / 1e9;
  }
}
