package dev.multiprocessing.bench;

import dev.multiprocessing.MpContext;
import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.Target;
import dev.multiprocessing.impl.MpRuntime;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code process_start} group, a mirror of proc_start.py: for each start method a JVM has
 * ({@code spawn}, then {@code forkserver}; there is no {@code fork}) the first start, the warm
 * start-to-join, the time to first instruction and the duration of {@code start()}; then the
 * Java-only idle resident set of a spawned child ({@link IdleRss}).
 */
final class ProcessStart implements Workload {

  static final List<String> METHODS = List.of("spawn", "forkserver");
  private static final String GROUP = "process_start";
  private static final long STAMP_TIMEOUT_S = 60;
  private static final long ARCHIVE_WAIT_MS = 60_000;

  @Override
  public void run(Params params, Results out) throws Exception {
    // This JVM's own cluster start is a one-time cost of the parent, not of a process start
    // (Python has no equivalent): paid here, untimed for the results, reported for context.
    long t0 = System.nanoTime();
    MpRuntime.get();
    out.meta("workload", GROUP, "runtime_start_ms", ms(t0));
    ChildArchive archive = new ChildArchive();
    for (String method : METHODS) {
      new StartMethodRuns(method, params.get("runs"), params.get("warmup"), out, archive).run();
    }
    new IdleRss(out).run(params.get("rss_samples"), params.get("rss_settle_ms"));
  }

  static double ms(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e6;
  }

  static void checkExit(Process p, int expected) {
    Integer code = p.getExitCode();
    if (code == null || code != expected) {
      throw new AssertionError("child " + p.getName() + " exit code " + code + ", expected " + expected);
    }
  }

  /** The four results of one start method. */
  private static final class StartMethodRuns {
    private final String name;
    private final int runs;
    private final int warmup;
    private final Results out;
    private final ChildArchive archive;
    private final MpContext ctx;
    private final WarmPool pool;

    StartMethodRuns(String name, int runs, int warmup, Results out, ChildArchive archive) {
      this.name = name;
      this.runs = runs;
      this.warmup = warmup;
      this.out = out;
      this.archive = archive;
      this.ctx = Multiprocessing.getContext(name);
      this.pool = "forkserver".equals(name) ? new WarmPool() : null;
    }

    void run() throws Exception {
      first();
      if (pool != null) {
        // said before the runs it concerns: every forkserver start below waits, untimed, for warm JVMs
        out.meta("workload", GROUP, "forkserver_waits_for_warm_jvm", 1, "forkserver_wait", pool.policy(),
            "forkserver_pool_size", pool.poolSize());
      }
      for (int i = 0; i < warmup; i++) {
        awaitReady();
        startJoin(ChildTargets.noop());
      }
      startToJoin();
      timeToFirstInstruction();
      if (pool != null) {
        out.meta("workload", GROUP, "forkserver_waits", pool.waits(), "forkserver_mean_wait_ms", pool.meanWaitMs());
      }
    }

    /** The first start of this method in this JVM; for forkserver it includes the server's first JVMs. */
    private void first() throws InterruptedException {
      long t0 = System.nanoTime();
      Process p = ctx.process(ChildTargets.noop());
      p.start();
      p.join();
      double first = ms(t0);
      checkExit(p, 0);
      out.emit("process_start_first_" + name, "ms_start_to_join", List.of(first), "method", name);
      // The first launch trains the child class-data archive in the background: let it finish
      // before the timed runs (see ChildArchive).
      out.meta("workload", GROUP, "method", name, "child_cds_archive", archive.awaitTrained(ARCHIVE_WAIT_MS));
    }

    /** t0, p = ctx.process(noop), p.start(), p.join(), t1: samples are the individual runs. */
    private void startToJoin() throws Exception {
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        awaitReady();
        long t0 = System.nanoTime();
        Process p = ctx.process(ChildTargets.noop());
        p.start();
        p.join();
        times.add(ms(t0));
        checkExit(p, 0);
      }
      out.emit("process_start_" + name, "ms_start_to_join", times, "method", name, "runs", runs);
    }

    /**
     * t0 just before start(); the child's first statement reads the clock and sends it back over
     * the event bus to a consumer registered (cluster-wide) before the start.
     */
    private void timeToFirstInstruction() throws Exception {
      BlockingQueue<Long> stamps = new LinkedBlockingQueue<>();
      String address = "bench.ttfi." + name + "." + UUID.randomUUID();
      MessageConsumer<Long> consumer = MpRuntime.get().vertx().eventBus()
          .<Long>consumer(address, msg -> stamps.add(msg.body()));
      consumer.completion().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      List<Double> ttfi = new ArrayList<>();
      List<Double> startCall = new ArrayList<>();
      try {
        for (int i = 0; i < runs; i++) {
          awaitReady();
          long t0 = System.nanoTime();
          Process p = ctx.process(ChildTargets.firstInstruction(address));
          p.start();
          long tRet = System.nanoTime();
          Long t = stamps.poll(STAMP_TIMEOUT_S, TimeUnit.SECONDS);
          if (t == null) {
            throw new TimeoutException("no first-instruction stamp from " + p.getName() + " within "
                + STAMP_TIMEOUT_S + " s");
          }
          p.join();
          checkExit(p, 0);
          ttfi.add((t - t0) / 1e6);
          startCall.add((tRet - t0) / 1e6);
        }
      } finally {
        consumer.unregister();
      }
      out.emit("process_ttfi_" + name, "ms_start_to_first_instruction", ttfi, "method", name, "runs", runs);
      out.emit("process_start_call_" + name, "ms_in_start_call", startCall, "method", name, "runs", runs);
    }

    private void awaitReady() throws InterruptedException, TimeoutException {
      if (pool != null) {
        pool.await();
      }
    }

    private void startJoin(Target target) {
      Process p = ctx.process(target);
      p.start();
      p.join();
      checkExit(p, 0);
    }
  }
}
