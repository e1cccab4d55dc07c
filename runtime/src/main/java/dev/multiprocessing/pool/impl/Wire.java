package dev.multiprocessing.pool.impl;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * The pool's own protocol between the pool and each worker, over their {@code Connection}, built
 * in plain Vert.x {@code Buffer}s and sent as bytes.
 *
 * <pre>
 *  pool -> worker  TASKS  [1][flags:byte][count:int] count x ([job:long][seq:int][fnLen:int][fn][itemsLen:int][items])
 *                         flags: LAST (the worker exits after these), REPORT_EARLY (more chunks of
 *                         the job wait in the pool: send its first result at once);
 *                         fnLen is -1 when the previous entry of the message has the same job
 *                  STOP   [2]
 *  worker -> pool  HELLO  [10]
 *                  RESULTS [11][count:int] count x ([job:long][seq:int][ok:byte][runNanos:long][len:int][payload])
 *                         payload: the chunk's values in the wire form of {@link Values}, or its pickled exception
 * </pre>
 *
 * Functions are pickled with the codecs module ({@code Pickler}); items and results travel in the
 * wire form of {@link Values}. A message names no worker: each worker has a pipe of its own.
 */
final class Wire {

  static final byte TASKS = 1;
  static final byte STOP = 2;
  static final byte HELLO = 10;
  static final byte RESULTS = 11;
  static final int RESULTS_HEADER = 5;
  static final int ENTRY_HEADER = 25;
  static final byte LAST = 1;
  static final byte REPORT_EARLY = 2;

  private Wire() {}

  static Buffer tasks(java.util.List<Chunk> batch, java.util.List<Object> prepared, boolean last, boolean reportEarly) {
    byte flags = (byte) ((last ? LAST : 0) | (reportEarly ? REPORT_EARLY : 0));
    Buffer b = Buffer.buffer(256).appendByte(TASKS).appendByte(flags).appendInt(batch.size());
    long previousJob = -1;
    for (int i = 0; i < batch.size(); i++) {
      Chunk c = batch.get(i);
      byte[] items = (byte[]) prepared.get(i);
      b.appendLong(c.job.id).appendInt(c.seq);
      if (c.job.id == previousJob) {
        b.appendInt(-1);
      } else {
        b.appendInt(c.job.fnBytes.length).appendBytes(c.job.fnBytes);
      }
      previousJob = c.job.id;
      b.appendInt(items.length).appendBytes(items);
    }
    return b;
  }

  static Buffer stop() {
    return Buffer.buffer(1).appendByte(STOP);
  }

  static Buffer hello() {
    return Buffer.buffer(1).appendByte(HELLO);
  }

  /** An empty RESULTS message; {@link #addResult} appends entries. */
  static Buffer results() {
    return Buffer.buffer(256).appendByte(RESULTS).appendInt(0);
  }

  static void addResult(Buffer b, long job, int seq, boolean ok, long runNanos, byte[] payload) {
    b.appendLong(job).appendInt(seq).appendByte((byte) (ok ? 1 : 0)).appendLong(runNanos)
        .appendInt(payload.length).appendBytes(payload);
    b.setInt(1, b.getInt(1) + 1);
  }

  /** The number of entries of a RESULTS message. */
  static int resultCount(Buffer results) {
    return results.getInt(1);
  }

  /** A received message as a {@code Buffer} over the same bytes (no copy: messages can be large). */
  static Buffer wrap(byte[] message) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(message));
  }
}
