package dev.multiprocessing.pool.impl;

import dev.multiprocessing.MpContext;
import dev.multiprocessing.Process;
import dev.multiprocessing.ProcessOptions;
import dev.multiprocessing.Target;
import dev.multiprocessing.codecs.Pickler;
import dev.multiprocessing.connection.Connection;
import dev.multiprocessing.connection.Connections;
import dev.multiprocessing.impl.MpLogging;
import dev.multiprocessing.impl.MpRuntime;
import dev.multiprocessing.impl.Threads;
import dev.multiprocessing.pool.Initializer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

/**
 * Workers as daemon {@link Process}es of the pool's context (so {@code forkserver} hands out warm
 * JVMs) whose target is {@link WorkerLoop}. Each worker talks to the pool over a duplex
 * {@link Connection} whose far end travels in its target: tasks go out from whichever thread pumps,
 * written straight to the host's socket, and the worker's main thread reads them itself, as it
 * writes its hellos and results; here a result-handler thread per worker reads them (see
 * {@link #listen}). Over the event bus each of those steps was a hand-over between threads (an
 * apply round trip took 260-335 µs; now 100-125 µs). A worker's death is its process's
 * sentinel completing, which the launcher reports within milliseconds of the exit.
 */
public final class ProcessBackend implements Backend {

  private final MpContext ctx;
  private final Initializer initializer;
  private final List<String> jvmOptions;
  /** Names this pool's running marks. */
  private final String poolId = "mp.pool." + UUID.randomUUID();
  private final Map<Integer, Connection> conns = new ConcurrentHashMap<>();
  private Dispatcher dispatcher;
  private final java.util.concurrent.ExecutorService starter = java.util.concurrent.Executors.newSingleThreadExecutor(
      r -> Threads.newDaemon("mp-pool-starter", r));

  public ProcessBackend(MpContext ctx, Initializer initializer, List<String> jvmOptions) {
    this.ctx = ctx;
    this.initializer = initializer;
    this.jvmOptions = jvmOptions;
    MpRuntime.get(); // joins the cluster now, on the caller's thread: start() runs under the dispatcher's lock
    warmUpOnce();
  }

  private static final AtomicBoolean WARMED = new AtomicBoolean();

  /**
   * The first process pool of a JVM compiles this side's per-item loops (encoding items, decoding
   * results) in the background while its workers start, as warm worker JVMs do theirs
   * ({@link WorkerLoop#warmUp}): without it, the first maps of 100k ints took 2-4 times as long
   * as later ones. About 10 ms of CPU, once.
   */
  private static void warmUpOnce() {
    if (WARMED.compareAndSet(false, true)) {
      Threads.startDaemon("mp-pool-warm-up", () -> {
        try {
          WorkerLoop.warmUp();
        } catch (Exception e) {
          // only a warm-up: the real path reports its own errors
        }
      });
    }
  }

  @Override
  public void attach(Dispatcher d) {
    this.dispatcher = d;
  }

  @Override
  public byte[] pickle(Object fn) {
    return Pickler.dumps(fn);
  }

  @Override
  public void start(Slot s) {
    int index = s.index;
    Initializer init = initializer;
    String mark = RunningMark.pathFor(poolId, index);
    // Off the caller's thread: start() runs under the dispatcher's lock, at times on the event loop,
    // and taking a warm JVM may wait for the fork server's launcher.
    Connections.pipeAsync(true).compose(pipe -> {
      Connection worker = pipe.conn2();
      conns.put(index, pipe.conn1());
      listen(s, pipe.conn1());
      Target target = () -> WorkerLoop.run(worker, init, mark);
      Process p = ctx.process(new ProcessOptions().setTarget(target).setName(s.name).setDaemon(true)
          .setJvmOptions(jvmOptions));
      s.handle = p;
      return Future.<Void>future(pr -> starter.execute(() -> {
        try {
          p.startAsync().onComplete(pr);
        } catch (RuntimeException e) {
          pr.fail(e);
        }
      }));
    }).onComplete(ar -> {
      Process p = (Process) s.handle;
      if (ar.failed()) {
        forget(index);
        dispatcher.onExit(s, -1);
        return;
      }
      s.pid = p.getPid();
      p.getSentinel().onComplete(exit -> {
        forget(index);
        dispatcher.onExit(s, exit.succeeded() ? exit.result() : -1, RunningMark.readAndDelete(mark));
      });
      if (s.killed) {
        p.kill();
      }
    });
  }

  /**
   * A result-handler thread per worker, as Python's pool has one for all: it blocks in
   * {@code recvBytes}, so it reads the worker's socket itself, and hands each message to the
   * dispatcher, which may send from here (no end's lock is held). Through {@code recvBytesAsync}
   * every message took one more hand-over, from the socket's reader thread to an event loop.
   * The thread ends when the worker's end closes or dies (end of file).
   */
  private void listen(Slot s, Connection c) {
    Threads.startDaemon(s.name + "-results", () -> {
      while (true) {
        Buffer b;
        try {
          b = Wire.wrap(c.recvBytes());
        } catch (RuntimeException closedOrGone) {
          return; // the worker's sentinel reports its exit
        }
        try {
          onMessage(s, b);
        } catch (RuntimeException e) {
          MpLogging.logger().log(Level.SEVERE, "pool: a message of worker " + s.describe() + " was lost", e);
        }
      }
    });
  }

  private void forget(int index) {
    Connection c = conns.remove(index);
    if (c != null) {
      c.close();
    }
  }

  @Override
  public Object prepare(Chunk c) {
    return Values.encode(c.items);
  }

  @Override
  public void deliver(Slot s, List<Chunk> batch, List<Object> prepared, boolean last, boolean reportEarly) {
    send(s, Wire.tasks(batch, prepared, last, reportEarly));
  }

  /** Queues a message to a worker (never blocks: the dispatcher's lock may be held). */
  private void send(Slot s, Buffer message) {
    Connection c = conns.get(s.index);
    if (c != null) {
      c.sendBytesAsync(message.getBytes());
    }
  }

  @Override
  public void stop(Slot s) {
    send(s, Wire.stop());
  }

  @Override
  public void kill(Slot s) {
    s.killed = true;
    Process p = (Process) s.handle;
    if (p != null && p.getPid() != null) {
      p.kill();
    } else {
      // Still waiting for its JVM: it is killed the moment it starts (see start); the pool need
      // not wait for a JVM to boot just to end it.
      dispatcher.onExit(s, -9);
    }
  }

  @Override
  public void closed() {
    conns.keySet().forEach(this::forget);
    starter.shutdown();
  }

  private void onMessage(Slot s, Buffer b) {
    if (b.getByte(0) == Wire.HELLO) {
      dispatcher.onReady(s);
    } else if (b.getByte(0) == Wire.RESULTS) {
      onResults(s, b);
    }
  }

  private void onResults(Slot s, Buffer b) {
    int n = Wire.resultCount(b);
    long[] jobs = new long[n];
    int[] seqs = new int[n];
    long[] nanos = new long[n];
    int[] at = new int[n];
    int pos = Wire.RESULTS_HEADER;
    for (int i = 0; i < n; i++) {
      jobs[i] = b.getLong(pos);
      seqs[i] = b.getInt(pos + 8);
      nanos[i] = b.getLong(pos + 13);
      at[i] = pos;
      pos += Wire.ENTRY_HEADER + b.getInt(pos + 21);
    }
    Chunk[] chunks = dispatcher.completed(s, jobs, seqs, nanos);
    for (int i = 0; i < n; i++) {
      if (chunks[i] != null) {
        deliver(chunks[i], b, at[i]);
      }
    }
  }

  /** Decodes the entry at {@code pos} and hands it to its job's sink (off the dispatcher's lock). */
  private static void deliver(Chunk c, Buffer b, int pos) {
    boolean ok = b.getByte(pos + 12) != 0;
    int len = b.getInt(pos + 21);
    int from = pos + Wire.ENTRY_HEADER;
    try {
      byte[] payload = b.getBytes(from, from + len);
      if (ok) {
        c.job.sink.chunkDone(c, Values.decode(payload));
      } else {
        c.job.sink.chunkFailed(c, (Throwable) Pickler.loads(payload));
      }
    } catch (RuntimeException e) {
      c.job.sink.chunkFailed(c, e);
    }
  }
}
