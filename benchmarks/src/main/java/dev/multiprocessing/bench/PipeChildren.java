package dev.multiprocessing.bench;

import dev.multiprocessing.MpContext;
import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.Target;
import dev.multiprocessing.impl.MpRuntime;

/**
 * Starts and joins the children of the pipe groups, with everything a process start drags along
 * kept out of the timed regions (mpbench's rule: process creation is not timed).
 *
 * <p>Children use {@code forkserver}, the JVM's cheapest start method and the runtime's default
 * (mpbench uses {@code fork}, which a JVM lacks); results say {@code method=forkserver}. A start
 * has two after-effects on this machine that Python's fork has not, and both would steal CPU from
 * the timed loop that follows: the fork server boots a replacement warm JVM (a JVM start plus a
 * cluster join, 0.5-1 s), and the first child launch after a rebuild trains the class-data archive
 * of child JVMs. So after each start this waits, untimed, until the pool is full again
 * ({@link WarmPool}) and, after the first, until the archive is trained ({@link ChildArchive}),
 * and says so in META lines.
 */
final class PipeChildren {

  static final String METHOD = "forkserver";
  private static final long ARCHIVE_WAIT_MS = 60_000;

  private final String group;
  private final Results out;
  private final MpContext ctx = Multiprocessing.getContext(METHOD);
  private final WarmPool pool = new WarmPool();
  private final ChildArchive archive = new ChildArchive();
  private boolean first = true;

  /** Starts the runtime (this JVM's cluster join, untimed, reported as {@code runtime_start_ms}). */
  PipeChildren(String group, Results out) {
    this.group = group;
    this.out = out;
    long t0 = System.nanoTime();
    MpRuntime.get();
    out.meta("workload", group, "runtime_start_ms", ProcessStart.ms(t0));
  }

  /** Starts a child running {@code target}, then waits until its start has no after-effects left. */
  Process start(Target target) throws Exception {
    Process p = ctx.process(target);
    p.start();
    if (first) {
      first = false;
      out.meta("workload", group, "method", METHOD, "child_cds_archive", archive.awaitTrained(ARCHIVE_WAIT_MS));
    }
    pool.await();
    return p;
  }

  /** Joins a child that was told to stop, and checks that it ended well. */
  void join(Process p) {
    p.join(60);
    if (p.getExitCode() == null) {
      p.kill();
      p.join();
      throw new AssertionError("child " + p.getName() + " did not stop within 60 s of its stop message");
    }
    ProcessStart.checkExit(p, 0);
  }

  /** The META line about the untimed waits for the fork server's pool. */
  void reportWaits() {
    out.meta("workload", group, "forkserver_wait", pool.policy(), "forkserver_pool_size", pool.poolSize(),
        "forkserver_waits", pool.waits(), "forkserver_mean_wait_ms", pool.meanWaitMs());
  }
}
