package dev.multiprocessing.examples;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.connection.Connection;
import dev.multiprocessing.connection.Pipe;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Python's example usage of the methods of {@code Connection}: objects with {@code send} and
 * {@code recv}, raw bytes with {@code send_bytes}, {@code recv_bytes} and {@code recv_bytes_into}.
 *
 * <pre>{@code
 * >>> from multiprocessing import Pipe
 * >>> a, b = Pipe()
 * >>> a.send([1, 'hello', None])
 * >>> b.recv()
 * [1, 'hello', None]
 * >>> b.send_bytes(b'thank you')
 * >>> a.recv_bytes()
 * b'thank you'
 * >>> import array
 * >>> arr1 = array.array('i', range(5))
 * >>> arr2 = array.array('i', [0] * 10)
 * >>> a.send_bytes(arr1)
 * >>> count = b.recv_bytes_into(arr2)
 * >>> assert count == len(arr1) * arr1.itemsize
 * >>> arr2
 * array('i', [0, 1, 2, 3, 4, 0, 0, 0, 0, 0])
 * }</pre>
 *
 * <p>This program prints the three values that Python's session shows: the list as Java prints a
 * list ({@code [1, hello, null]}), the bytes as Python shows them ({@link #bytesRepr}), and the
 * array as Python shows it ({@link #arrayRepr}).
 *
 * <p>Python's {@code array('i')} is a buffer of C {@code int}s in the machine's byte order; its Java
 * counterpart is a {@link ByteBuffer} in {@link ByteOrder#nativeOrder()}, read and written through
 * its {@link IntBuffer} view. {@code sendBytes(ByteBuffer)} sends the buffer's remaining bytes, and
 * {@code recvBytesInto(ByteBuffer)} writes the message at the buffer's position (Python's
 * {@code offset}) and returns its length; a buffer with too little room raises
 * {@link dev.multiprocessing.BufferTooShort}, whose {@code getData()} holds the whole message.
 */
public final class ConnectionMethods {

  private ConnectionMethods() {}

  /** Python's {@code repr(bytes)}: {@code b'thank you'}. */
  static String bytesRepr(byte[] bytes) {
    StringBuilder sb = new StringBuilder("b'");
    for (byte x : bytes) {
      int c = x & 0xff;
      if (c == '\\' || c == '\'') {
        sb.append('\\').append((char) c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.append('\'').toString();
  }

  /** Python's {@code repr(array('i', ...))} of the whole buffer, whatever its position. */
  static String arrayRepr(ByteBuffer intArray) {
    IntBuffer ints = intArray.duplicate().clear().order(intArray.order()).asIntBuffer();
    int[] values = new int[ints.remaining()];
    ints.get(values);
    return "array('i', " + Arrays.toString(values) + ")";
  }

  /** Python's {@code array.array('i', values)}: C ints in the machine's byte order. */
  static ByteBuffer intArray(int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.nativeOrder());
    b.asIntBuffer().put(values);
    return b;
  }

  public static void main(String[] args) {
    Pipe pipe = Multiprocessing.pipe();
    Connection a = pipe.conn1();
    Connection b = pipe.conn2();

    a.send(Arrays.asList(1, "hello", null));
    System.out.println(b.recv()); // Java prints [1, 'hello', None] as [1, hello, null]

    b.sendBytes("thank you".getBytes(StandardCharsets.US_ASCII));
    System.out.println(bytesRepr(a.recvBytes()));

    ByteBuffer arr1 = intArray(0, 1, 2, 3, 4); // array.array('i', range(5))
    ByteBuffer arr2 = intArray(new int[10]); // array.array('i', [0] * 10)
    a.sendBytes(arr1);
    int count = b.recvBytesInto(arr2);
    if (count != 5 * Integer.BYTES) { // assert count == len(arr1) * arr1.itemsize
      throw new AssertionError("count " + count + " != " + 5 * Integer.BYTES);
    }
    System.out.println(arrayRepr(arr2));
  }
}
