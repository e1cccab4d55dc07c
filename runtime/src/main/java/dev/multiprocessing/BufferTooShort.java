package dev.multiprocessing;

/**
 * Python's {@code BufferTooShort}: raised by {@code recvBytesInto} when the buffer is too small
 * for the message; the whole message is in {@link #getData()} and has been consumed.
 */
public class BufferTooShort extends ProcessError {
  private static final long serialVersionUID = 1L;
  private final byte[] data;

  public BufferTooShort(byte[] data, int available) {
    super("buffer too short: message has " + data.length + " bytes, buffer has room for " + available);
    this.data = data;
  }

  /** The whole message that did not fit (Python's {@code e.args[0]}). */
  public byte[] getData() {
    return data;
  }
}
