package dev.multiprocessing.pool.impl;

import io.vertx.core.buffer.Buffer;

/**
 * The pool's own event-bus protocol, as plain Vert.x {@code Buffer}s (no codec lookup, one copy).
 *
 * <pre>
 *  pool -> worker  TASKS  [1][last:byte][count:int] count x ([job:long][seq:int][fnLen:int][fn][itemsLen:int][items])
 *                         fnLen is -1 when the previous entry of the message has the same job
 *                  STOP   [2]
 *  worker -> pool  HELLO  [10][slot:int][pid:long]
 *                  RESULT [11][slot:int][job:long][seq:int][ok:byte][runNanos:long][len:int][pickled values or exception]
 * </pre>
 *
 * Functions and items are pickled with the codecs module ({@code Pickler}); items and results in
 * the compact form of {@link Values}.
 */
final class Wire {

  static final byte TASKS = 1;
  static final byte STOP = 2;
  static final byte HELLO = 10;
  static final byte RESULT = 11;

  private Wire() {}

  static String workerAddress(String poolInbox, int slot) {
    return poolInbox + ".w" + slot;
  }

  static Buffer tasks(java.util.List<Chunk> batch, java.util.List<Object> prepared, boolean last) {
    Buffer b = Buffer.buffer(256).appendByte(TASKS).appendByte((byte) (last ? 1 : 0)).appendInt(batch.size());
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

  static final int RESULT_HEADER = 30;

  static Buffer result(int slot, long job, int seq, boolean ok, long runNanos, byte[] payload) {
    return Buffer.buffer(RESULT_HEADER + payload.length).appendByte(RESULT).appendInt(slot).appendLong(job)
        .appendInt(seq).appendByte((byte) (ok ? 1 : 0)).appendLong(runNanos).appendInt(payload.length)
        .appendBytes(payload);
  }
}
