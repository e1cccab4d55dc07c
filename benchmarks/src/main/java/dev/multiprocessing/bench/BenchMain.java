package dev.multiprocessing.bench;

import java.util.List;

/**
 * Runs ONE workload group in this JVM and prints mpbench.py's line types on stdout:
 *
 * <pre>
 *   java -cp CP dev.multiprocessing.bench.BenchMain --workload process_start [--quick]
 *   java -cp CP dev.multiprocessing.bench.BenchMain --list
 * </pre>
 *
 * <p>{@code bench/run} starts one JVM per group, as mpbench.py starts one interpreter per
 * workload: nothing a group leaves behind (warm JVMs, JIT state, cluster members) can bias the next.
 *
 * <p>Exit status: 0 done; 2 bad usage; 3 the failure is already reported as an {@code ERROR} line
 * (so the runner does not add a second one).
 */
public final class BenchMain {

  static final int EXIT_USAGE = 2;
  static final int EXIT_REPORTED = 3;

  private BenchMain() {}

  public static void main(String[] args) {
    // System.exit rather than returning: the clustered Vert.x has non-daemon threads, and the exit
    // hooks of the runtime reap children and leave the cluster.
    System.exit(run(args));
  }

  static int run(String[] args) {
    String group = null;
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--list":
          Groups.names().forEach(System.out::println);
          return 0;
        case "--quick":
          quick = true;
          break;
        case "--workload":
          if (i + 1 >= args.length) {
            return usage("--workload needs a group name");
          }
          group = args[++i];
          break;
        default:
          return usage("unknown argument " + args[i]);
      }
    }
    if (group == null) {
      return usage("--workload or --list is required");
    }
    return runGroup(group, quick, new Results(System.out));
  }

  private static int runGroup(String group, boolean quick, Results out) {
    out.meta("workload", group, "java", Runtime.version().toString(),
        "vm", System.getProperty("java.vm.name").replace(' ', '_'),
        "vendor", System.getProperty("java.vm.vendor").replace(' ', '_'),
        "cpus", Runtime.getRuntime().availableProcessors(),
        "affinity", SystemInfo.affinity(), "loadavg", SystemInfo.loadAverage(),
        "mode", quick ? "quick" : "full");
    if (!Groups.exists(group)) {
      out.fail(group, "unknown_workload");
      return EXIT_REPORTED;
    }
    Workload w = Groups.IMPLEMENTED.get(group);
    if (w == null) {
      out.fail(group, "not_implemented_yet");
      return EXIT_REPORTED;
    }
    Params p = Groups.params(group, quick);
    String extra = p.describeExtra();
    if (extra.isEmpty()) {
      out.meta("workload", group, "params", p.describe());
    } else {
      out.meta("workload", group, "params", p.describe(), "java_extra", extra);
    }
    long t0 = System.nanoTime();
    try {
      w.run(p, out);
    } catch (Throwable t) {
      t.printStackTrace();
      out.fail(group, "exception_" + t.getClass().getSimpleName());
      return EXIT_REPORTED;
    }
    out.meta("workload", group, "elapsed_s", Results.round2((System.nanoTime() - t0) / 1e9));
    return 0;
  }

  private static int usage(String why) {
    System.err.println("BenchMain: " + why);
    System.err.println("usage: BenchMain --list | --workload GROUP [--quick]   (groups: "
        + String.join(",", List.copyOf(Groups.names())) + ")");
    return EXIT_USAGE;
  }
}
