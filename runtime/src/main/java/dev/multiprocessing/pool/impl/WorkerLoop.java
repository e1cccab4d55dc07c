package dev.multiprocessing.pool.impl;

import dev.multiprocessing.codecs.Pickler;
import dev.multiprocessing.codecs.PicklingError;
import dev.multiprocessing.connection.Connection;
import dev.multiprocessing.pool.Fn;
import dev.multiprocessing.pool.Initializer;
import dev.multiprocessing.pool.MaybeEncodingError;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code multiprocessing.pool.worker}: the target of every worker process of a pool. It
 * runs on the process's main thread in the worker JVM: runs the initializer, says hello to the
 * pool over its connection, then runs the chunks it is sent, in order, until it is told to stop
 * (or has run its last batch under {@code maxtasksperchild}). Results go back in
 * groups: when nothing else is queued here, after 32 chunks, or 5 ms after the first result of the
 * group (a chunk that runs longer goes alone, at once); a job's first result here goes at once
 * when the pool asks for it (more chunks of the job wait there, to be sized by how fast it is).
 * When results went over the event bus, sending each result of a 1 ms chunk at once woke this
 * JVM's event loop between chunks, on a CPU that the next chunk needed: in a probe ({@code Pool(2)},
 * 8 chunks of 1-1.5 ms) that left 0.5-1.3 ms between chunks, and a map took 13 ms (median) where
 * running its chunks back to back takes 5-6 ms. The pool sends enough work ahead
 * ({@link Job#AHEAD_NANOS}) that it never waits for a group. The {@link RunningMark} tells the pool
 * which chunk was running if this JVM dies meanwhile. This thread reads its tasks from its
 * {@link Connection} to the pool and writes its results there itself (a pipe end reads and
 * writes the host's socket from the calling thread), and runs user code.
 * An {@link OutOfMemoryError} ends the JVM at once with exit code 3 (the JVM's own
 * {@code ExitOnOutOfMemoryError} status), so that the pool sees a dead worker rather than a
 * half-working one.
 */
public final class WorkerLoop {

  static final int OUT_OF_MEMORY_EXIT = 3;
  private static final int FLUSH_COUNT = 32;
  private static final long FLUSH_NANOS = 5_000_000;

  private final Connection pool;
  private final RunningMark mark;
  private Buffer pending;
  private int pendingCount;
  private long pendingSince;
  /** The job of the last chunk run here: a new job's first result goes at once when the pool asks. */
  private long reportedJob = -1;
  private final Map<Long, Fn<Object, Object>> fns = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Fn<Object, Object>> e) {
      return size() > 16;
    }
  };

  private WorkerLoop(Connection pool, RunningMark mark) {
    this.pool = pool;
    this.mark = mark;
  }

  /**
   * The worker's life; returns when told to stop (the process then exits 0). If the pool's JVM
   * goes away, the next read raises {@code EOFError} and the worker exits with it.
   */
  public static void run(Connection pool, Initializer initializer, String markPath) throws Exception {
    if (initializer != null) {
      initializer.run();
    }
    pool.sendBytes(Wire.hello().getBytes());
    WorkerLoop loop = new WorkerLoop(pool, RunningMark.open(markPath));
    while (true) {
      Buffer b = Wire.wrap(pool.recvBytes());
      if (b.getByte(0) == Wire.STOP || loop.runBatch(b)) {
        break;
      }
    }
    pool.close();
  }

  /**
   * Runs a worker's per-chunk path (unpickle, unpack, run, pack, pickle) on made-up chunks of
   * ints, so that a warm JVM has its loops compiled before it becomes a pool worker: a cold worker
   * takes about 3 times as long over its first maps of 100k items. About 10 ms of CPU.
   */
  public static void warmUp() throws Exception {
    List<Object> ints = new java.util.ArrayList<>();
    for (int i = 0; i < 4096; i++) {
      ints.add(i);
    }
    Fn<Object, Object> square = x -> (Integer) x * (Integer) x;
    for (int round = 0; round < 40; round++) {
      byte[] wire = Values.encode(ints);
      List<Object> out = TaskRunner.run(square, Values.decode(wire));
      if (Values.decode(Values.encode(out)).size() != ints.size()) {
        throw new IllegalStateException("pool warm-up failed");
      }
    }
  }

  /** Runs every chunk of a TASKS message; returns true if it was the worker's last. */
  private boolean runBatch(Buffer b) {
    boolean last = (b.getByte(1) & Wire.LAST) != 0;
    boolean reportEarly = (b.getByte(1) & Wire.REPORT_EARLY) != 0;
    int count = b.getInt(2);
    int pos = 6;
    Fn<Object, Object> fn = null;
    for (int i = 0; i < count; i++) {
      long job = b.getLong(pos);
      int seq = b.getInt(pos + 8);
      int fnLen = b.getInt(pos + 12);
      pos += 16;
      if (fnLen >= 0) {
        fn = function(job, b, pos, fnLen);
        pos += fnLen;
      }
      int itemsLen = b.getInt(pos);
      pos += 4;
      boolean firstOfJob = job != reportedJob && reportEarly;
      reportedJob = job;
      runChunk(job, seq, fn, b, pos, itemsLen);
      pos += itemsLen;
      if (firstOfJob || pendingCount >= FLUSH_COUNT || i == count - 1 && !pool.poll()
          || System.nanoTime() - pendingSince > FLUSH_NANOS) {
        flush();
      }
    }
    if (last) {
      flush();
    }
    return last;
  }

  @SuppressWarnings("unchecked")
  private Fn<Object, Object> function(long job, Buffer b, int pos, int len) {
    Fn<Object, Object> fn = fns.get(job);
    if (fn == null) {
      fn = (Fn<Object, Object>) Pickler.loads(b.getBytes(pos, pos + len));
      fns.put(job, fn);
    }
    return fn;
  }

  /** Runs one chunk and queues its result. */
  private void runChunk(long job, int seq, Fn<Object, Object> fn, Buffer b, int pos, int len) {
    byte[] payload;
    boolean ok = false;
    long t0 = System.nanoTime();
    if (mark != null) {
      mark.running(job, seq);
    }
    try {
      List<Object> items = Values.decode(b.getBytes(pos, pos + len));
      List<Object> out = TaskRunner.run(fn, items);
      try {
        payload = Values.encode(out);
        ok = true;
      } catch (PicklingError e) {
        payload = encodeError(new MaybeEncodingError("Error sending result: " + describe(out)
            + ". Reason: " + e.getMessage(), e));
      }
    } catch (OutOfMemoryError oom) {
      System.err.println("pool worker out of memory: exiting with code " + OUT_OF_MEMORY_EXIT);
      System.err.flush();
      Runtime.getRuntime().halt(OUT_OF_MEMORY_EXIT);
      return;
    } catch (Throwable t) {
      payload = encodeError(TaskRunner.withRemoteTrace(t));
    }
    if (mark != null) {
      mark.idle();
    }
    if (pendingCount == 0) {
      pending = Wire.results();
      pendingSince = t0;
    }
    long ran = System.nanoTime() - t0;
    Wire.addResult(pending, job, seq, ok, ran, payload);
    pendingCount++;
  }

  private void flush() {
    if (pendingCount > 0) {
      pool.sendBytes(pending.getBytes());
      pending = null;
      pendingCount = 0;
    }
  }

  private static byte[] encodeError(Throwable t) {
    try {
      return Pickler.dumps(t);
    } catch (RuntimeException e) {
      return Pickler.dumps(new dev.multiprocessing.ProcessError(t + " (could not be pickled: " + e.getMessage() + ")"));
    }
  }

  private static String describe(List<Object> out) {
    String s = String.valueOf(out.size() == 1 ? out.get(0) : out);
    return "'" + (s.length() > 200 ? s.substring(0, 200) + "..." : s) + "'";
  }
}
