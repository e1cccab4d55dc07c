package dev.multiprocessing;

import java.util.concurrent.CountDownLatch;

/**
 * Whole programs for {@link ProgramLifecycleTest}: each runs as the main class of its own JVM, so
 * that the test can watch what happens when a parent program ends or dies.
 * Usage: {@code ParentScenarios <scenario> <startMethod>}.
 */
public final class ParentScenarios {

  private ParentScenarios() {}

  public static void main(String[] args) throws Exception {
    MpContext ctx = Multiprocessing.getContext(args[1]);
    switch (args[0]) {
      case "cold-pool": {
        // A fresh program's first Pool(4): no warm JVM exists yet; its four workers boot together.
        try (dev.multiprocessing.pool.Pool pool = ctx.pool(4)) {
          System.out.println("squares " + pool.map(x -> x * x, java.util.List.of(1, 2, 3)));
          dev.multiprocessing.impl.ForkServer fs = dev.multiprocessing.impl.MpRuntime.get().forkServer();
          System.out.println("booting peak " + fs.peakBooting());
          pool.terminate();
        }
        break;
      }
      case "orphans": {
        Process d = ctx.process(ParentScenarios::sleepForever);
        d.setDaemon(true);
        d.start();
        Process n = ctx.process(ParentScenarios::sleepForever);
        n.start();
        System.out.println("PIDS " + d.getPid() + " " + n.getPid());
        System.out.flush();
        sleepForever();
        break;
      }
      case "exit-daemon": {
        Process d = ctx.process(ParentScenarios::sleepForever);
        d.setDaemon(true);
        d.start();
        System.out.println("PIDS " + d.getPid());
        break;
      }
      case "exit-nondaemon": {
        Process n = ctx.process(() -> {
          Thread.sleep(1500);
          System.out.println("child done");
        });
        n.start();
        System.out.println("main done");
        break;
      }
      case "stdout": {
        Process p = ctx.process(() -> {
          System.out.println("hello bob");
          System.err.println("to stderr");
        });
        p.start();
        p.join();
        System.out.println("joined " + p.getExitCode());
        break;
      }
      case "exception": {
        Process p = ctx.process(() -> {
          throw new IllegalStateException("boom");
        });
        p.start();
        p.join();
        System.out.println("exitcode " + p.getExitCode());
        break;
      }
      case "system-exit-parent": {
        Process d = ctx.process(ParentScenarios::sleepForever);
        d.setDaemon(true);
        d.start();
        Process n = ctx.process(() -> {
          Thread.sleep(1000);
          System.out.println("child done");
        });
        n.start();
        System.out.println("PIDS " + d.getPid() + " " + n.getPid());
        System.out.flush();
        System.exit(3);
        break;
      }
      case "cluster-name": {
        System.out.println("parent " + dev.multiprocessing.impl.MpRuntime.get().childCluster().getClusterName());
        Process p = ctx.process(() -> System.out.println("child "
            + dev.multiprocessing.impl.MpRuntime.peek().childCluster().getClusterName()));
        p.start();
        p.join();
        break;
      }
      default:
        throw new IllegalArgumentException(args[0]);
    }
  }

  static void sleepForever() throws InterruptedException {
    new CountDownLatch(1).await();
  }
}
