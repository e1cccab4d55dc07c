package dev.multiprocessing.pool.impl;

import dev.multiprocessing.impl.MpLogging;
import dev.multiprocessing.pool.Initializer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;

/**
 * Workers as daemon threads of this JVM (Python's {@code ThreadPool}): nothing is pickled, chunks
 * are handed over in a queue per thread, and the same dispatcher gives the same ordering, chunking
 * and error rules as the process pool. {@code terminate()} interrupts the threads and does not wait
 * for a task that ignores interruption (a thread cannot be killed).
 */
public final class ThreadBackend implements Backend {

  private static final Object STOP = new Object();

  private record Batch(List<Chunk> chunks, boolean last) {}

  /** A slot's handle: its thread and its queue. */
  private record Worker(Thread thread, BlockingQueue<Object> queue) {}

  private final Initializer initializer;
  private Dispatcher dispatcher;

  public ThreadBackend(Initializer initializer) {
    this.initializer = initializer;
  }

  @Override
  public void attach(Dispatcher d) {
    this.dispatcher = d;
  }

  @Override
  public byte[] pickle(Object fn) {
    return null;
  }

  @Override
  public void start(Slot s) {
    BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    Thread t = new Thread(() -> loop(s, queue), s.name);
    t.setDaemon(true);
    s.handle = new Worker(t, queue);
    t.start();
  }

  private void loop(Slot s, BlockingQueue<Object> queue) {
    int code = 0;
    try {
      if (initializer != null) {
        initializer.run();
      }
      dispatcher.onReady(s);
      while (true) {
        Object m = queue.take();
        if (m == STOP) {
          break;
        }
        Batch b = (Batch) m;
        b.chunks().forEach(c -> runChunk(s, c));
        if (b.last()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      code = -15;
    } catch (Throwable e) {
      MpLogging.logger().log(Level.WARNING, "pool worker thread " + s.name + " failed", e);
      code = 1;
    } finally {
      dispatcher.onExit(s, code);
    }
  }

  private void runChunk(Slot s, Chunk c) {
    List<Object> out = null;
    Throwable error = null;
    long t0 = System.nanoTime();
    try {
      out = TaskRunner.run(c.job.fn, c.items);
    } catch (Throwable t) {
      error = TaskRunner.withRemoteTrace(t);
    }
    long nanos = System.nanoTime() - t0;
    if (dispatcher.completed(s, new long[] {c.job.id}, new int[] {c.seq}, new long[] {nanos})[0] == null) {
      return;
    }
    if (error == null) {
      c.job.sink.chunkDone(c, out);
    } else {
      c.job.sink.chunkFailed(c, error);
    }
  }

  @Override
  public Object prepare(Chunk c) {
    return c.items;
  }

  @Override
  public void deliver(Slot s, List<Chunk> batch, List<Object> prepared, boolean last, boolean reportEarly) {
    ((Worker) s.handle).queue().add(new Batch(batch, last));
  }

  @Override
  public void stop(Slot s) {
    ((Worker) s.handle).queue().add(STOP);
  }

  @Override
  public void kill(Slot s) {
    ((Worker) s.handle).thread().interrupt();
    dispatcher.onExit(s, -15);
  }

  @Override
  public void closed() {
    // threads end by themselves
  }
}
