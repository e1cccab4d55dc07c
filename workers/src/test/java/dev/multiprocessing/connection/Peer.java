package dev.multiprocessing.connection;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.Target;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where the other side of a contract test runs: a thread of this JVM, or a child process in its
 * own JVM (the values its target captures, connections included, then move to that JVM).
 * {@link #join()} returns the peer's exit code: 0 when its target returned, 1 when it threw.
 */
public abstract class Peer {

  public abstract Peer start(Target t);

  public abstract int join() throws Exception;

  /** Ends the peer abruptly (process backend only). */
  public abstract void kill();

  public static Peer thread() {
    return new Peer() {
      final CompletableFuture<Integer> done = new CompletableFuture<>();

      @Override
      public Peer start(Target t) {
        Thread th = new Thread(() -> {
          try {
            t.run();
            done.complete(0);
          } catch (Throwable e) {
            e.printStackTrace();
            done.complete(1);
          }
        }, "peer");
        th.setDaemon(true);
        th.start();
        return this;
      }

      @Override
      public int join() throws Exception {
        return done.get(90, TimeUnit.SECONDS);
      }

      @Override
      public void kill() {
        throw new UnsupportedOperationException("a thread cannot be killed");
      }
    };
  }

  public static Peer process() {
    return new Peer() {
      Process p;

      @Override
      public Peer start(Target t) {
        p = Multiprocessing.getContext("forkserver").process(t);
        p.start();
        return this;
      }

      @Override
      public int join() {
        p.join(90);
        return p.getExitCode() == null ? -999 : p.getExitCode();
      }

      @Override
      public void kill() {
        p.kill();
        p.join(60);
        if (p.getExitCode() == null) {
          throw new AssertionError("killed child " + p.getName() + " (pid " + p.getPid() + ") not reported dead within 60 s");
        }
      }
    };
  }
}
