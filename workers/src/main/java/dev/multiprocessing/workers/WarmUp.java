package dev.multiprocessing.workers;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.Target;
import dev.multiprocessing.codecs.Pickled;
import dev.multiprocessing.codecs.Pickler;
import dev.multiprocessing.connection.Connection;
import dev.multiprocessing.connection.Pipe;
import dev.multiprocessing.impl.Messages;

/**
 * What a warm JVM does before it reports ready: the first serializable-lambda round trip of a JVM
 * bootstraps the lambda and Kryo machinery (tens of milliseconds); paying it here keeps it out of
 * {@code start()}.
 */
final class WarmUp {

  private WarmUp() {}

  /**
   * Loads the classes named by {@code multiprocessing.forkserver.preload} (Python's
   * {@code set_forkserver_preload}; by default the program's main class), so that the first
   * process does not pay for loading them. Classes are loaded and linked, not initialized.
   */
  static void preload() {
    String names = System.getProperty("multiprocessing.forkserver.preload", "");
    for (String name : names.split(",")) {
      if (!name.isBlank()) {
        try {
          Class.forName(name.trim(), false, WarmUp.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          // Python ignores preload modules that fail to import; so do we
        }
      }
    }
  }

  /** Also exercises what running a process will need: a verticle deployment and a plain thread. */
  static void run(io.vertx.core.Vertx vertx) throws Exception {
    preload();
    run();
    dev.multiprocessing.pool.impl.WorkerLoop.warmUp();
    queues();
    pipes();
    String id = vertx.deployVerticle(new io.vertx.core.VerticleBase() { })
        .toCompletionStage().toCompletableFuture().get();
    vertx.undeploy(id).toCompletionStage().toCompletableFuture().get();
    Thread t = new Thread(dev.multiprocessing.impl.ExitSequence::nextApplicationThread, "warm-up");
    t.start();
    t.join();
  }

  /**
   * A queue's client and home paths, whose protocol messages go through the Kryo codec even
   * within one JVM: a fresh consumer JVM spent as much CPU compiling them as consuming 50k items
   * (process CPU 300 ms, its threads 100 ms in the benchmark's 2p2c run). A {@code SimpleQueue}
   * is a {@code Queue} underneath, so one queue warms both; it takes as many items as the two
   * did (fewer left queue_2p2c at 144-150k items/s instead of 180-195k).
   */
  static void queues() {
    dev.multiprocessing.queues.Queue<Object> q = dev.multiprocessing.Multiprocessing.queue();
    try {
      for (int round = 0; round < 8; round++) {
        for (int i = 0; i < 1024; i++) {
          q.put(i);
        }
        for (int i = 0; i < 1024; i++) {
          if (!Integer.valueOf(i).equals(q.get())) {
            throw new IllegalStateException("queue warm-up failed");
          }
        }
      }
    } finally {
      q.close();
      q.joinThread();
    }
  }

  /**
   * A pipe, and the hand-over of one of its ends, as a target that captures a {@code Connection}
   * (every pool worker's does) needs on arrival: without it, unpickling such a spec took 15-37 ms
   * of class loading and first calls on the event loop, against 0.4-3 ms for a plain one, and
   * {@code start()} waited for it.
   */
  static void pipes() {
    Pipe pipe = Multiprocessing.pipe();
    Connection a = pipe.conn1();
    Connection b = (Connection) Pickler.loads(Pickler.dumps(pipe.conn2()));
    try {
      for (int i = 0; i < 64; i++) {
        a.send(i);
        b.sendBytes(new byte[] {(byte) (int) (Integer) b.recv()});
        if (a.recvBytes()[0] != (byte) i) {
          throw new IllegalStateException("pipe warm-up failed");
        }
      }
    } finally {
      a.close();
      b.close();
    }
  }

  static void run() {
    int captured = 1;
    Target t = () -> {
      if (captured != 1) {
        throw new IllegalStateException();
      }
    };
    Object back = Pickled.of(new Messages.ExitReport("warm-up", captured, false)).get();
    // A spec like the one start() sends: builds the serializers of Process and ChildSpec now.
    Process sample = new Process(t);
    Messages.ChildSpec spec = (Messages.ChildSpec) Pickled.of(
        new Messages.ChildSpec("warm-up", sample, "-", "-", "-", 0)).get();
    if (spec.process() == null) {
      throw new IllegalStateException("warm-up failed");
    }
    try {
      ((Target) Pickled.of(t).get()).run();
    } catch (Exception e) {
      throw new IllegalStateException("warm-up failed", e);
    }
    if (back == null) {
      throw new IllegalStateException("warm-up failed");
    }
  }
}
