package dev.multiprocessing.pool.impl;

import dev.multiprocessing.pool.Fn;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One submitted call (apply, map, imap, starmap): the function, the results' sink, and the input
 * cut into chunks, either all at once (map: Python reads the whole input to size its chunks) or
 * lazily from an iterator (imap), a bounded number of chunks ahead of the workers.
 */
final class Job {

  final long id;
  final Fn<Object, Object> fn;
  /** The pickled function (process pools; null for thread pools). */
  final byte[] fnBytes;
  final Sink sink;
  final int chunksize;
  /** The user function's class (its run times are remembered under it). */
  final Class<?> code;
  private final Iterator<?> source;
  private int nextStart;
  private int nextSeq;
  private boolean inputDone;
  /**
   * Mean run time of this job's chunks so far (moving average); before the first result, what
   * the function's earlier jobs suggest ({@link RunTimes}), or -1 if it has none.
   */
  long chunkNanos = -1;
  /** Whether {@link #chunkNanos} comes from this job's own results (not only from history). */
  private boolean measured;
  /** Chunks created and not yet completed, failed or dropped. Guarded by the dispatcher's lock. */
  int outstanding;

  Job(long id, Fn<Object, Object> fn, byte[] fnBytes, Sink sink, int chunksize, Iterator<?> source,
      Class<?> code) {
    this.id = id;
    this.fn = fn;
    this.fnBytes = fnBytes;
    this.sink = sink;
    this.chunksize = chunksize;
    this.source = source;
    this.code = code;
  }

  /** An input read at once into {@code chunks} chunks (map, apply). Under the dispatcher's lock. */
  void markRead(int chunks) {
    inputDone = true;
    outstanding += chunks;
  }

  /** Records a chunk's run time in the worker; the first one replaces the estimate. Under the dispatcher's lock. */
  void ran(long nanos) {
    chunkNanos = measured ? (3 * chunkNanos + nanos) / 4 : nanos;
    measured = true;
  }

  /** Whether this job's speed comes from its own results (else from its function's history at most). */
  boolean measured() {
    return measured;
  }

  /**
   * Whether a worker should hold this job's chunks only one at a time: while their duration is
   * unknown (the first job of a function, before its first result) and while they take long
   * compared with an event-bus round trip, queueing a chunk behind a running one would only keep
   * it from an idle worker.
   */
  boolean slow() {
    return chunkNanos < 0 || chunkNanos > SLOW_NANOS;
  }

  static final long SLOW_NANOS = 5_000_000;

  /**
   * How much of a fast job's work a worker holds ahead: longer than the pool's JVM takes to learn
   * of results and answer with more chunks. A worker reports in groups, up to 5 ms apart
   * ({@link WorkerLoop}), and the pool's thread that answers waits 1-4 ms for a time slice
   * when the workers keep every core busy; a worker that holds less sits idle in each such gap.
   */
  static final long AHEAD_NANOS = 12_000_000;

  /** How many chunks of this fast job a worker should hold: {@link #AHEAD_NANOS} of work, at least 2. */
  int aheadChunks() {
    return (int) Math.max(2, Math.min(128, AHEAD_NANOS / Math.max(1, chunkNanos) + 1));
  }

  boolean inputDone() {
    return inputDone;
  }

  boolean finished() {
    return inputDone && outstanding == 0;
  }

  /**
   * Reads up to {@code max} chunks from the input (user code: called off the dispatcher's lock,
   * by one thread at a time). An exception from the input's iterator ends the input and becomes
   * the failure of a final empty chunk, raised where the input broke.
   */
  List<Chunk> read(int max) {
    List<Chunk> out = new ArrayList<>();
    try {
      while (out.size() < max && source.hasNext()) {
        List<Object> items = new ArrayList<>(chunksize);
        while (items.size() < chunksize && source.hasNext()) {
          items.add(source.next());
        }
        out.add(new Chunk(this, nextSeq++, nextStart, items));
        nextStart += items.size();
      }
      if (!source.hasNext()) {
        inputDone = true;
      }
    } catch (RuntimeException e) {
      inputDone = true;
      out.add(new Broken(this, nextSeq++, nextStart, e));
      nextStart++;   // the broken input takes one position: its error is raised there
    }
    return out;
  }

  int totalItems() {
    return nextStart;
  }

  /** A chunk standing for an input that raised while being read: it fails without running. */
  static final class Broken extends Chunk {
    final RuntimeException error;

    Broken(Job job, int seq, int start, RuntimeException error) {
      super(job, seq, start, List.of());
      this.error = error;
    }
  }
}
