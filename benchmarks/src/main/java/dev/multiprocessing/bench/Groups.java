package dev.multiprocessing.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workload groups, in mpbench.py's run order, with its FULL and QUICK parameters copied
 * verbatim (keep them in step with /work/shared/bench/python/mpbench.py), and the groups that have
 * a Java implementation so far. A group without one reports {@code not_implemented_yet} instead of
 * numbers, so that {@code bench/compare} shows it as missing.
 */
final class Groups {

  private Groups() {}

  /** mpbench.py's FULL dict. */
  static final Map<String, Map<String, Integer>> FULL = ordered(
      "process_start", Params.of("runs", 20, "warmup", 2),
      "pipe_pingpong", Params.of("n", 10_000, "warmup", 2_000, "reps", 5),
      "pipe_throughput", Params.of("n_small", 100_000, "n_b64", 100_000, "n_big", 1_000,
          "big_size", 1 << 20, "reps", 3),
      "queue_throughput", Params.of("n", 100_000, "reps", 3),
      "pool_map_small", Params.of("n_map", 100_000, "map_reps", 10, "n_chunk1", 10_000,
          "n_imap", 10_000, "n_apply", 2_000, "reps", 5),
      "pool_map_cpu", Params.of("items", 64, "inner", 200_000, "reps", 5),
      "lock_rate", Params.of("n_uncontended", 5_000_000, "n_contended", 1_000_000, "reps", 5),
      "value_increment", Params.of("n", 300_000, "reps", 5),
      "manager_ops", Params.of("n_dict", 10_000, "n_list", 20_000, "reps", 3),
      "event_barrier", Params.of("n_event", 5_000, "n_barrier", 10_000, "reps", 5),
      "connection_listener", Params.of("n_conn", 300, "n_ping", 10_000, "reps", 5));

  /** mpbench.py's QUICK dict. */
  static final Map<String, Map<String, Integer>> QUICK = ordered(
      "process_start", Params.of("runs", 5, "warmup", 1),
      "pipe_pingpong", Params.of("n", 5_000, "warmup", 500, "reps", 1),
      "pipe_throughput", Params.of("n_small", 30_000, "n_b64", 30_000, "n_big", 200,
          "big_size", 1 << 20, "reps", 1),
      "queue_throughput", Params.of("n", 30_000, "reps", 1),
      "pool_map_small", Params.of("n_map", 100_000, "map_reps", 3, "n_chunk1", 3_000,
          "n_imap", 3_000, "n_apply", 500, "reps", 1),
      "pool_map_cpu", Params.of("items", 64, "inner", 200_000, "reps", 1),
      "lock_rate", Params.of("n_uncontended", 1_000_000, "n_contended", 200_000, "reps", 1),
      "value_increment", Params.of("n", 50_000, "reps", 1),
      "manager_ops", Params.of("n_dict", 1_000, "n_list", 2_000, "reps", 1),
      "event_barrier", Params.of("n_event", 1_000, "n_barrier", 2_000, "reps", 1),
      "connection_listener", Params.of("n_conn", 100, "n_ping", 5_000, "reps", 1));

  /**
   * Parameters of Java-only results (no CPython twin), FULL then QUICK. process_start: the idle
   * RSS of a spawned child, 3 [1] fresh children, each read after settling for 2 s.
   * pool_map_cpu: the {@code *_scaled} rows, with {@code inner × scale}, {@code scaled_reps} times.
   */
  static final Map<String, Map<String, Integer>> EXTRA_FULL = Map.of(
      "process_start", Params.of("rss_samples", 3, "rss_settle_ms", 2_000),
      "pool_map_cpu", Params.of("scale", 128, "scaled_reps", 3));
  static final Map<String, Map<String, Integer>> EXTRA_QUICK = Map.of(
      "process_start", Params.of("rss_samples", 1, "rss_settle_ms", 2_000),
      "pool_map_cpu", Params.of("scale", 16, "scaled_reps", 1));

  /** The groups that have a Java implementation. */
  static final Map<String, Workload> IMPLEMENTED = Map.of(
      "process_start", new ProcessStart(),
      "pipe_pingpong", new PipePingpong(),
      "pipe_throughput", new PipeThroughput(),
      "queue_throughput", new QueueThroughput(),
      "pool_map_small", new PoolMapSmall(),
      "pool_map_cpu", new PoolMapCpu(),
      "lock_rate", new LockRate(),
      "value_increment", new ValueIncrement(),
      "event_barrier", new EventBarrier());

  /** All group names in run order. */
  static List<String> names() {
    return List.copyOf(FULL.keySet());
  }

  static boolean exists(String group) {
    return FULL.containsKey(group);
  }

  static Params params(String group, boolean quick) {
    Map<String, Integer> extra = (quick ? EXTRA_QUICK : EXTRA_FULL).getOrDefault(group, Map.of());
    return new Params((quick ? QUICK : FULL).get(group), extra);
  }

  private static Map<String, Map<String, Integer>> ordered(Object... kv) {
    Map<String, Map<String, Integer>> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked")
      Map<String, Integer> p = (Map<String, Integer>) kv[i + 1];
      m.put((String) kv[i], p);
    }
    return m;
  }
}
