package dev.multiprocessing.connection.impl;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reading side of one same-host connection ({@link Inbound}): non-blocking reads, parsed into
 * messages {@code [total:4][inboxLength:2][inbox][frames]} that are handed to their pipe end as soon
 * as they are whole. The first message, to the empty inbox, names the writer's node. Not thread
 * safe: whoever holds the connection's read lock uses it.
 *
 * <p>Small messages are parsed from one direct buffer (a read takes everything the socket has,
 * usually in one system call). A message too large for it is read into an array of its own, and a
 * message that is one large data frame straight into the array that the end keeps: each extra copy
 * of a 1 MiB message also makes garbage that a child's small heap pays for in collections.
 */
final class FrameReader {

  private static final Logger LOG = Logger.getLogger(FrameReader.class.getName());
  private static final int PREFIX = 6;
  /** Set while this thread hands frames over: such a thread must not write to a socket. */
  private static final ThreadLocal<Boolean> DELIVERING = new ThreadLocal<>();

  private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
  private final Consumer<String> onWriterNamed;
  /** A message being read into its own array: the inbox, the array, how much is in. */
  private String bigInbox;
  private byte[] big;
  private int bigFilled;
  /** For a big message that is one data frame: its seq ({@code big} is then the payload), else -1. */
  private long bigSeq = -1;
  /** Whether the last read got less than it had room for: the socket had no more then. */
  private boolean drained;

  FrameReader(Consumer<String> onWriterNamed) {
    this.onWriterNamed = onWriterNamed;
  }

  /** Whether a message larger than the buffer is half read (its rest is on its way). */
  boolean inBigMessage() {
    return big != null;
  }

  /** Whether the calling thread is handing frames over (see {@link LocalChannels#isReaderThread}). */
  static boolean delivering() {
    return DELIVERING.get() != null;
  }

  /**
   * Reads what {@code ch} has now and hands over every message that is complete. Returns the
   * bytes read (0: nothing was there), or -1 once the writer has closed the connection.
   */
  int readAvailable(ReadableByteChannel ch) throws IOException {
    Boolean outer = DELIVERING.get();
    DELIVERING.set(Boolean.TRUE);
    try {
      int total = 0;
      while (true) {
        int n = big != null ? readBig(ch) : readSmall(ch);
        if (n < 0) {
          return -1;
        }
        total += n;
        if (drained) {
          return total;
        }
      }
    } finally {
      if (outer == null) {
        DELIVERING.remove();
      }
    }
  }

  private int readSmall(ReadableByteChannel ch) throws IOException {
    int space = buf.remaining();
    int n = ch.read(buf);
    drained = n < space;
    if (n > 0) {
      buf.flip();
      parse();
      buf.compact();
    }
    return n;
  }

  private int readBig(ReadableByteChannel ch) throws IOException {
    int space = big.length - bigFilled;
    int n = ch.read(ByteBuffer.wrap(big, bigFilled, space));
    drained = n < space;
    if (n > 0) {
      bigFilled += n;
      if (bigFilled == big.length) {
        finishBig();
      }
    }
    return n;
  }

  /** Hands over the whole messages in {@code buf} (read mode); starts a big one if it begins there. */
  private void parse() {
    while (buf.remaining() >= PREFIX) {
      int at = buf.position();
      int total = buf.getInt(at);
      int nameLength = buf.getShort(at + 4) & 0xffff;
      int size = total - 2 - nameLength;
      if (buf.remaining() >= 4 + total) {
        byte[] body = new byte[size];
        String inbox = name(at, nameLength);
        buf.position(at + PREFIX + nameLength);
        buf.get(body);
        whole(inbox, body);
      } else if (4 + total > buf.capacity() && buf.remaining() >= PREFIX + nameLength + Frames.HEADER) {
        startBig(at, nameLength, size);
        return;
      } else {
        return; // wait for the rest
      }
    }
  }

  private String name(int at, int length) {
    byte[] name = new byte[length];
    buf.get(at + PREFIX, name);
    return new String(name, StandardCharsets.UTF_8);
  }

  /** A message larger than the buffer: the rest goes straight into an array. */
  private void startBig(int at, int nameLength, int size) {
    bigInbox = name(at, nameLength);
    int head = at + PREFIX + nameLength;
    boolean oneDataFrame = nameLength > 0 && buf.get(head) == Frames.DATA
        && Frames.HEADER + buf.getInt(head + 9) == size;
    if (oneDataFrame) {
      bigSeq = buf.getLong(head + 1);
      big = new byte[size - Frames.HEADER];
      buf.position(head + Frames.HEADER);
    } else {
      bigSeq = -1;
      big = new byte[size];
      buf.position(head);
    }
    bigFilled = Math.min(buf.remaining(), big.length);
    buf.get(big, 0, bigFilled);
    if (bigFilled == big.length) {
      finishBig();
    }
  }

  private void finishBig() {
    byte[] data = big;
    String inbox = bigInbox;
    long seq = bigSeq;
    big = null;
    bigInbox = null;
    if (seq >= 0) {
      deliver(inbox, end -> end.onChannelData(seq, data));
    } else {
      whole(inbox, data);
    }
  }

  private void whole(String inbox, byte[] body) {
    if (inbox.isEmpty()) {
      onWriterNamed.accept(new String(body, StandardCharsets.UTF_8));
      return;
    }
    Buffer wrapped = io.vertx.core.internal.buffer.BufferInternal.buffer(io.netty.buffer.Unpooled.wrappedBuffer(body));
    deliver(inbox, end -> end.onChannelBuffer(wrapped));
  }

  /** Hands frames to their end; a failure there must not stop this connection's other ends. */
  private static void deliver(String inbox, Consumer<PipeEnd> handOver) {
    if (!deliverHere(inbox, handOver)) {
      LOG.fine(() -> "frames for " + inbox + ", which is not here (closed): dropped");
    }
  }

  /**
   * Hands frames to the end of this JVM at {@code inbox}, from the calling thread, which counts as
   * a reader meanwhile (it must not write to a socket); false if no end here has that inbox.
   */
  static boolean deliverHere(String inbox, Consumer<PipeEnd> handOver) {
    PipeEnd end = LocalChannels.INBOXES.get(inbox);
    if (end == null) {
      return false;
    }
    Boolean outer = DELIVERING.get();
    DELIVERING.set(Boolean.TRUE);
    try {
      handOver.accept(end);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "pipe end " + inbox + " failed on frames handed to it", e);
    } finally {
      if (outer == null) {
        DELIVERING.remove();
      }
    }
    return true;
  }
}
