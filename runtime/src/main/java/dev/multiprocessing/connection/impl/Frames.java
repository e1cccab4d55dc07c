package dev.multiprocessing.connection.impl;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The wire format between pipe ends: one event-bus {@link Buffer} carries one or more frames
 * {@code [type:1][seq:8][length:4][payload]}. Data payloads are the pickled (Kryo) bytes of the
 * object sent, or the raw bytes of {@code sendBytes}.
 */
final class Frames {

  /** A message; {@code seq} orders it. */
  static final byte DATA = 1;
  /** The sender closed its end after the messages before {@code seq}. */
  static final byte CLOSE = 2;
  /** The receiver consumed {@code seq} messages and {@code payload} bytes: the sender may send more. */
  static final byte CREDIT = 3;
  /** The peer end now lives at the payload's {@code address|node}. */
  static final byte MOVED = 4;
  /** To a moved end's old address: forward everything to the payload's {@code address|node}. */
  static final byte CLAIM = 5;
  /** The peer end is being handed to another process: do not take its holder's death as EOF. */
  static final byte MOVING = 6;
  /** The sender waits for credit: grant what was consumed now, or at the next message read. */
  static final byte WANT = 7;

  static final int HEADER = 13;
  /**
   * A data payload this large goes without copies on one host: written from the sender's array
   * ({@code PipeEnd}) and read into the array the receiving end keeps ({@code LocalChannels}).
   */
  static final int LARGE = 64 << 10;

  private Frames() {}

  static void append(Buffer out, byte type, long seq, byte[] payload) {
    append(out, type, seq, payload, 0, payload.length);
  }

  static void append(Buffer out, byte type, long seq, byte[] payload, int offset, int length) {
    out.appendByte(type).appendLong(seq).appendInt(length).appendBytes(payload, offset, length);
  }

  /** One frame in a buffer of its own. */
  static Buffer frame(byte type, long seq, byte[] payload, int offset, int length) {
    Buffer b = Buffer.buffer(HEADER + length);
    append(b, type, seq, payload, offset, length);
    return b;
  }

  /** The header of a frame whose {@code length} payload bytes are written separately. */
  static java.nio.ByteBuffer header(byte type, long seq, int length) {
    return java.nio.ByteBuffer.allocate(HEADER).put(type).putLong(seq).putInt(length).flip();
  }

  static void append(Buffer out, byte type, long seq, String payload) {
    append(out, type, seq, payload.getBytes(StandardCharsets.UTF_8));
  }

  static void appendCredit(Buffer out, long msgs, long bytes) {
    out.appendByte(CREDIT).appendLong(msgs).appendInt(8).appendLong(bytes);
  }

  /** Visits every frame of a buffer. */
  interface Visitor {
    void frame(byte type, long seq, Buffer buf, int payloadStart, int length);
  }

  static void each(Buffer buf, Visitor v) {
    int pos = 0;
    while (pos < buf.length()) {
      byte type = buf.getByte(pos);
      long seq = buf.getLong(pos + 1);
      int len = buf.getInt(pos + 9);
      v.frame(type, seq, buf, pos + HEADER, len);
      pos += HEADER + len;
    }
  }

  static String text(Buffer buf, int start, int len) {
    return buf.getString(start, start + len, "UTF-8");
  }
}
