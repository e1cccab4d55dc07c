package dev.multiprocessing.pool.impl;

import dev.multiprocessing.MpContext;
import dev.multiprocessing.Process;
import dev.multiprocessing.ProcessOptions;
import dev.multiprocessing.Target;
import dev.multiprocessing.codecs.Pickler;
import dev.multiprocessing.impl.MpRuntime;
import dev.multiprocessing.impl.Threads;
import dev.multiprocessing.pool.Initializer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Workers as daemon {@link Process}es of the pool's context (so {@code forkserver} hands out warm
 * JVMs) whose target is {@link WorkerLoop}. The pool's inbox, {@code mp.pool.<uuid>}, receives the
 * workers' hellos and results on the runtime's event loop; a worker's death is its process's
 * sentinel completing, which the launcher reports within milliseconds of the exit.
 */
public final class ProcessBackend implements Backend {

  private final MpContext ctx;
  private final Initializer initializer;
  private final List<String> jvmOptions;
  private final EventBus bus;
  private final String inbox = "mp.pool." + UUID.randomUUID();
  private final MessageConsumer<Buffer> consumer;
  private final Future<Void> registered;
  private final Map<Integer, Slot> slots = new ConcurrentHashMap<>();
  private Dispatcher dispatcher;
  private final java.util.concurrent.ExecutorService starter = java.util.concurrent.Executors.newSingleThreadExecutor(
      r -> Threads.newDaemon("mp-pool-starter", r));

  public ProcessBackend(MpContext ctx, Initializer initializer, List<String> jvmOptions) {
    this.ctx = ctx;
    this.initializer = initializer;
    this.jvmOptions = jvmOptions;
    this.bus = MpRuntime.get().vertx().eventBus();
    this.consumer = bus.consumer(inbox, this::onMessage);
    this.registered = consumer.completion();
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
    String address = inbox;
    int index = s.index;
    Initializer init = initializer;
    String mark = RunningMark.pathFor(inbox, index);
    Target target = () -> WorkerLoop.run(address, index, init, mark);
    Process p = ctx.process(new ProcessOptions().setTarget(target).setName(s.name).setDaemon(true)
        .setJvmOptions(jvmOptions));
    s.handle = p;
    slots.put(index, s);
    // Off the caller's thread: start() runs under the dispatcher's lock, at times on the event loop,
    // and taking a warm JVM may wait for the fork server's launcher.
    registered.compose(x -> Future.<Void>future(pr -> starter.execute(() -> {
      try {
        p.startAsync().onComplete(pr);
      } catch (RuntimeException e) {
        pr.fail(e);
      }
    }))).onComplete(ar -> {
      if (ar.failed()) {
        slots.remove(index);
        dispatcher.onExit(s, -1);
        return;
      }
      s.pid = p.getPid();
      p.getSentinel().onComplete(exit -> {
        slots.remove(index);
        dispatcher.onExit(s, exit.succeeded() ? exit.result() : -1, RunningMark.readAndDelete(mark));
      });
      if (s.killed) {
        p.kill();
      }
    });
  }

  @Override
  public Object prepare(Chunk c) {
    return Values.encode(c.items);
  }

  @Override
  public void deliver(Slot s, List<Chunk> batch, List<Object> prepared, boolean last, boolean reportEarly) {
    bus.send(s.address, Wire.tasks(batch, prepared, last, reportEarly));
  }

  @Override
  public void stop(Slot s) {
    bus.send(s.address, Wire.stop());
  }

  @Override
  public void kill(Slot s) {
    s.killed = true;
    Process p = (Process) s.handle;
    if (p.getPid() != null) {
      p.kill();
    } else {
      // Still waiting for its JVM: it is killed the moment it starts (see start); the pool need
      // not wait for a JVM to boot just to end it.
      dispatcher.onExit(s, -9);
    }
  }

  @Override
  public void closed() {
    consumer.unregister();
    starter.shutdown();
  }

  private void onMessage(Message<Buffer> msg) {
    Buffer b = msg.body();
    Slot s = slots.get(b.getInt(1));
    if (s == null) {
      return;
    }
    if (b.getByte(0) == Wire.HELLO) {
      s.address = Wire.workerAddress(inbox, s.index);
      dispatcher.onReady(s);
    } else if (b.getByte(0) == Wire.RESULTS) {
      onResults(s, b);
    }
  }

  private void onResults(Slot s, Buffer b) {
    int n = b.getInt(5);
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
