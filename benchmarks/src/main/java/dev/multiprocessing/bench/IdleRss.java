package dev.multiprocessing.bench;

import dev.multiprocessing.MpContext;
import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code process_idle_rss} (Java only, no CPython twin): the resident set of an idle spawned
 * child, which is what every extra process costs in memory. Each sample is a fresh child that
 * blocks, settles, is measured ({@code VmRSS} of /proc/pid/status) and is then terminated.
 */
final class IdleRss {

  private static final String METHOD = "spawn";
  private static final long CHILD_SLEEP_MS = 60_000;
  /** Python's exit code of a process ended by terminate() (SIGTERM). */
  private static final int TERMINATED = -15;

  private final Results out;

  IdleRss(Results out) {
    this.out = out;
  }

  void run(int samples, int settleMs) throws Exception {
    MpContext ctx = Multiprocessing.getContext(METHOD);
    List<Double> rss = new ArrayList<>();
    List<String> badExits = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      Process p = ctx.process(ChildTargets.idle(CHILD_SLEEP_MS));
      p.start();
      try {
        Thread.sleep(settleMs);
        rss.add(SystemInfo.rssMiB(p.getPid()));
      } finally {
        p.terminate();
        p.join();
      }
      Integer code = p.getExitCode();
      if (code == null || code != TERMINATED) {
        badExits.add(String.valueOf(code));
      }
    }
    out.emit("process_idle_rss", "MiB", rss, "method", METHOD, "settle_ms", settleMs, "stat", "VmRSS");
    // reported after the result: the RSS is valid even if terminate() gave the wrong code
    if (!badExits.isEmpty()) {
      throw new AssertionError("terminate() gave exit codes " + badExits + ", expected " + TERMINATED);
    }
  }
}
