package dev.multiprocessing.connection;

import dev.multiprocessing.BufferTooShort;
import dev.multiprocessing.ProcessError;
import dev.multiprocessing.codecs.Handle;
import dev.multiprocessing.codecs.Pickler;
import dev.multiprocessing.codecs.Shareable;
import dev.multiprocessing.connection.impl.PipeEnd;
import dev.multiprocessing.impl.Blocking;
import dev.multiprocessing.impl.MpRuntime;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Python's {@code multiprocessing.connection.Connection}: one end of a {@code Pipe}, sending and
 * receiving whole messages (objects, pickled with Kryo, or raw bytes) to and from the other end.
 *
 * <p><b>Ordering.</b> Messages arrive in the order they were sent, none lost or duplicated, also
 * when either end is handed to another process (captured by a process target, or sent through
 * another connection): the end moves, messages that had already arrived move with it, and this
 * object becomes unusable in the process that sent it.
 *
 * <p><b>Blocking.</b> {@link #recv()} waits for a message; {@link #send(Object)} waits only when
 * the receiver is far behind (flow control: at most 8192 messages or 4 MiB in flight; one larger
 * message alone always goes). Each has a twin returning a Vert.x {@link Future}; the blocking forms
 * fail at once with {@link IllegalStateException} on a Vert.x event-loop thread.
 *
 * <p><b>End of data.</b> Receiving raises {@link dev.multiprocessing.EOFError} once the other end
 * is closed and everything it sent has been read, or once the process that held it has died
 * (noticed when its JVM leaves the cluster, about a third of a second after death). Sending to a
 * closed end raises {@link ProcessError} ("broken pipe").
 *
 * <p>Thread-safe; messages of one sending thread keep their order.
 */
public final class Connection implements AutoCloseable, Shareable {

  /** A timeout that never ends, for {@link #poll(double)}: Python's {@code poll(None)}. */
  public static final double FOREVER = Double.POSITIVE_INFINITY;

  private final PipeEnd end;

  static {
    PipeEnd.wrapper(Connection::new);
  }

  private Connection(PipeEnd end) {
    this.end = end;
  }

  static Future<Pipe> newPipe(boolean duplex) {
    return PipeEnd.create(MpRuntime.get(), duplex)
        .map(ends -> new Pipe(new Connection(ends[0]), new Connection(ends[1])));
  }

  // ------------------------------------------------------------------ objects

  /** Sends {@code obj}, serialized now. @throws dev.multiprocessing.codecs.PicklingError if it cannot be */
  public void send(Object obj) {
    Blocking.checkMayBlock("Connection.send()", "sendAsync()");
    end.send(Pickler.dumps(obj), FOREVER);
  }

  public Future<Void> sendAsync(Object obj) {
    return end.sendAsync(Pickler.dumps(obj));
  }

  /** Receives the next object, waiting for it. @throws dev.multiprocessing.EOFError at end of data */
  public Object recv() {
    Blocking.checkMayBlock("Connection.recv()", "recvAsync()");
    return Pickler.loads(end.recv(FOREVER));
  }

  public Future<Object> recvAsync() {
    return end.recvAsync().map(Pickler::loads);
  }

  // ------------------------------------------------------------------ bytes

  public void sendBytes(byte[] buf) {
    sendBytes(buf, 0, buf.length);
  }

  public void sendBytes(byte[] buf, int offset) {
    sendBytes(buf, offset, buf.length - offset);
  }

  /** Sends {@code size} bytes of {@code buf} from {@code offset} as one message. */
  public void sendBytes(byte[] buf, int offset, int size) {
    Blocking.checkMayBlock("Connection.sendBytes()", "sendBytesAsync()");
    checkRegion(buf, offset, size);
    end.send(buf, offset, size, FOREVER);
  }

  /** Sends the remaining bytes of {@code buf} (position to limit) as one message. */
  public void sendBytes(ByteBuffer buf) {
    byte[] b = new byte[buf.remaining()];
    buf.duplicate().get(b);
    sendBytes(b);
  }

  public Future<Void> sendBytesAsync(byte[] buf, int offset, int size) {
    return end.sendAsync(slice(buf, offset, size));
  }

  public Future<Void> sendBytesAsync(byte[] buf) {
    return sendBytesAsync(buf, 0, buf.length);
  }

  /** Receives the next message as bytes. */
  public byte[] recvBytes() {
    Blocking.checkMayBlock("Connection.recvBytes()", "recvBytesAsync()");
    return end.recv(FOREVER);
  }

  /**
   * Receives a message of at most {@code maxLength} bytes; a longer one raises {@link ProcessError}
   * and leaves this connection unreadable, as in Python.
   */
  public byte[] recvBytes(int maxLength) {
    if (maxLength < 0) {
      throw new IllegalArgumentException("negative maxLength " + maxLength);
    }
    byte[] m = recvBytes();
    if (m.length > maxLength) {
      end.markUnreadable("a message of " + m.length + " bytes exceeded maxLength " + maxLength);
      throw new ProcessError("bad message length: " + m.length + " > maxLength " + maxLength);
    }
    return m;
  }

  public Future<byte[]> recvBytesAsync() {
    return end.recvAsync();
  }

  public int recvBytesInto(byte[] buf) {
    return recvBytesInto(buf, 0);
  }

  /**
   * Reads the next message into {@code buf} from {@code offset}; returns its length.
   *
   * @throws BufferTooShort if it does not fit (the message, consumed, is in the exception)
   * @throws IllegalArgumentException if {@code offset} is outside the buffer
   */
  public int recvBytesInto(byte[] buf, int offset) {
    if (offset < 0 || offset > buf.length) {
      throw new IllegalArgumentException("offset " + offset + " is outside a buffer of " + buf.length + " bytes");
    }
    return copyInto(recvBytes(), buf, offset);
  }

  /** Reads the next message into {@code buf} at its position (which advances); returns its length. */
  public int recvBytesInto(ByteBuffer buf) {
    byte[] m = recvBytes();
    if (m.length > buf.remaining()) {
      throw new BufferTooShort(m, buf.remaining());
    }
    buf.put(m);
    return m.length;
  }

  public Future<Integer> recvBytesIntoAsync(byte[] buf, int offset) {
    if (offset < 0 || offset > buf.length) {
      return Future.failedFuture(new IllegalArgumentException("offset " + offset + " is outside the buffer"));
    }
    return end.recvAsync().map(m -> copyInto(m, buf, offset));
  }

  private static int copyInto(byte[] m, byte[] buf, int offset) {
    if (m.length > buf.length - offset) {
      throw new BufferTooShort(m, buf.length - offset);
    }
    System.arraycopy(m, 0, buf, offset, m.length);
    return m.length;
  }

  private static byte[] slice(byte[] buf, int offset, int size) {
    checkRegion(buf, offset, size);
    return Arrays.copyOfRange(buf, offset, offset + size);
  }

  private static void checkRegion(byte[] buf, int offset, int size) {
    if (offset < 0 || offset > buf.length) {
      throw new IllegalArgumentException("offset " + offset + " is outside a buffer of " + buf.length + " bytes");
    }
    if (size < 0 || offset + size > buf.length) {
      throw new IllegalArgumentException("size " + size + " from offset " + offset + " exceeds a buffer of "
          + buf.length + " bytes");
    }
  }

  // ------------------------------------------------------------------ poll

  /** True if a message (or end of data) is waiting; returns at once. */
  public boolean poll() {
    return end.poll(0);
  }

  /** Waits up to {@code timeout} seconds ({@link #FOREVER} for no limit) for a message or end of data. */
  public boolean poll(double timeout) {
    if (timeout > 0) {
      Blocking.checkMayBlock("Connection.poll(timeout)", "pollAsync(timeout)");
    }
    return end.poll(timeout);
  }

  /** Completes with what {@link #poll(double)} would return. */
  public Future<Boolean> pollAsync(double timeout) {
    Future<Void> readable = end.readableFuture();
    if (readable.isComplete() || timeout <= 0) {
      return Future.succeededFuture(readable.isComplete());
    }
    Promise<Boolean> p = Promise.promise();
    readable.onComplete(x -> p.tryComplete(true));
    if (timeout != FOREVER) {
      MpRuntime.get().vertx().setTimer(Math.max(1, (long) (timeout * 1000)), t -> p.tryComplete(false));
    }
    return p.future();
  }

  /** Completes when this end becomes readable (used by {@link Connections#wait}). */
  Future<Void> readable() {
    return end.readableFuture();
  }

  // ------------------------------------------------------------------ state

  /** Closes this end; the other end reads EOF after what was sent. Idempotent. */
  @Override
  public void close() {
    end.close();
  }

  /** Python's {@code closed} (also true once the end was handed to another process). */
  public boolean isClosed() {
    return end.isClosed();
  }

  /** Python's {@code readable}. */
  public boolean isReadable() {
    return end.isReadable();
  }

  /** Python's {@code writable}. */
  public boolean isWritable() {
    return end.isWritable();
  }

  /** Travels as a handle: the end moves to the receiving process. */
  @Override
  public Handle handle() {
    return end.detach();
  }

  @Override
  public String toString() {
    return "<Connection " + end + ">";
  }
}
