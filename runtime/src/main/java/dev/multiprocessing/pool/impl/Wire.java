package dev.multiprocessing.pool.impl;

import io.vertx.core.buffer.Buffer;

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
 *  worker -> pool  HELLO  [10][slot:int][pid:long]
 *                  RESULTS [11][slot:int][count:int] count x ([job:long][seq:int][ok:byte][runNanos:long][len:int][payload])
 *                         payload: the chunk's values in the wire form of {@link Values}, or its pickled exception
 * </pre>
 *
 * Functions are pickled with the codecs module ({@code Pickler}); items and results travel in the
 * wire form of {@link Values}.
 */
final class Wire {

  static final byte TASKS = 1;
  static final byte STOP = 2;
  static final byte HELLO = 10;
  static final byte RESULTS = 11;
  static final int RESULTS_HEADER = 9;
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

  static Buffer hello(int slot, long pid) {
    return Buffer.buffer(13).appendByte(HELLO).appendInt(slot).appendLong(pid);
  }

  /** An empty RESULTS message of worker {@code slot}; {@link #addResult} appends entries. */
  static Buffer results(int slot) {
    return Buffer.buffer(256).appendByte(RESULTS).appendInt(slot).appendInt(0);
  }

  static void addResult(Buffer b, long job, int seq, boolean ok, long runNanos, byte[] payload) {
    b.appendLong(job).appendInt(seq).appendByte((byte) (ok ? 1 : 0)).appendLong(runNanos)
        .appendInt(payload.length).appendBytes(payload);
    b.setInt(5, b.getInt(5) + 1);
  }
}
