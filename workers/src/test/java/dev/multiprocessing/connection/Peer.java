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
abstract class Peer {

  abstract Peer start(Target t);

  abstract int join() throws Exception;

  /** Ends the peer abruptly (process backend only). */
  abstract void kill();

  static Peer thread() {
    return new Peer() {
      final CompletableFuture<Integer> done = new CompletableFuture<>();

      @Override
      Peer start(Target t) {
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
      int join() throws Exception {
        return done.get(90, TimeUnit.SECONDS);
      }

      @Override
      void kill() {
        throw new UnsupportedOperationException("a thread cannot be killed");
      }
    };
  }

  static Peer process() {
    return new Peer() {
      Process p;

      @Override
      Peer start(Target t) {
        p = Multiprocessing.getContext("forkserver").process(t);
        p.start();
        return this;
      }

      @Override
      int join() {
        p.join(90);
        return p.getExitCode() == null ? -999 : p.getExitCode();
      }

      @Override
      void kill() {
        p.kill();
        p.join();
      }
    };
  }
}
