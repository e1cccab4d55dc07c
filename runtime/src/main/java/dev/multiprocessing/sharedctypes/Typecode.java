package dev.multiprocessing.sharedctypes;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The typecodes of Python's {@code array} module that Java represents, as ctypes types. Integers
 * wrap silently on overflow, as ctypes' do. Unsigned types read as the next wider Java type
 * ({@code B} as {@code Short}, {@code H} as {@code Integer}, {@code I} as {@code Long});
 * {@code L} and {@code Q} read as {@code Long} holding the same 64 bits (values from 2^63 up read
 * negative). {@code l}/{@code L} are 8 bytes, as on 64-bit Linux. {@code c} is one byte
 * ({@code Byte}); an array of it also has Python's {@code value} and {@code raw}.
 *
 * @param <T> the Java type of an element
 */
public final class Typecode<T> implements CType<T> {

  private static final long serialVersionUID = 1L;

  public static final Typecode<Byte> BYTE = new Typecode<>('b', 1);
  public static final Typecode<Short> UBYTE = new Typecode<>('B', 1);
  public static final Typecode<Short> SHORT = new Typecode<>('h', 2);
  public static final Typecode<Integer> USHORT = new Typecode<>('H', 2);
  public static final Typecode<Integer> INT = new Typecode<>('i', 4);
  public static final Typecode<Long> UINT = new Typecode<>('I', 4);
  public static final Typecode<Long> LONG = new Typecode<>('l', 8);
  public static final Typecode<Long> ULONG = new Typecode<>('L', 8);
  public static final Typecode<Long> LONGLONG = new Typecode<>('q', 8);
  public static final Typecode<Long> ULONGLONG = new Typecode<>('Q', 8);
  public static final Typecode<Float> FLOAT = new Typecode<>('f', 4);
  public static final Typecode<Double> DOUBLE = new Typecode<>('d', 8);
  public static final Typecode<Byte> CHAR = new Typecode<>('c', 1);

  private static final List<Typecode<?>> ALL = List.of(BYTE, UBYTE, SHORT, USHORT, INT, UINT, LONG, ULONG,
      LONGLONG, ULONGLONG, FLOAT, DOUBLE, CHAR);

  private final char code;
  private final int size;

  private Typecode(char code, int size) {
    this.code = code;
    this.size = size;
  }

  /** The typecode named {@code code} ({@link IllegalArgumentException} for any other string). */
  @SuppressWarnings("unchecked")
  public static <T> Typecode<T> of(String code) {
    for (Typecode<?> t : ALL) {
      if (code != null && code.length() == 1 && code.charAt(0) == t.code) {
        return (Typecode<T>) t;
      }
    }
    throw new IllegalArgumentException("unknown typecode '" + code + "': use one of b B h H i I l L q Q f d c");
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String code() {
    return String.valueOf(code);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get(ByteBuffer b, int off) {
    Object v;
    switch (code) {
      case 'b', 'c' -> v = b.get(off);
      case 'B' -> v = (short) (b.get(off) & 0xff);
      case 'h' -> v = b.getShort(off);
      case 'H' -> v = b.getShort(off) & 0xffff;
      case 'i' -> v = b.getInt(off);
      case 'I' -> v = b.getInt(off) & 0xffffffffL;
      case 'f' -> v = b.getFloat(off);
      case 'd' -> v = b.getDouble(off);
      default -> v = b.getLong(off);
    }
    return (T) v;
  }

  @Override
  public void put(ByteBuffer b, int off, Object value) {
    switch (code) {
      case 'f' -> b.putFloat(off, number(value).floatValue());
      case 'd' -> b.putDouble(off, number(value).doubleValue());
      default -> {
        long x = number(value).longValue();
        switch (size) {
          case 1 -> b.put(off, (byte) x);
          case 2 -> b.putShort(off, (short) x);
          case 4 -> b.putInt(off, (int) x);
          default -> b.putLong(off, x);
        }
      }
    }
  }

  private Number number(Object value) {
    if (value instanceof Number n) {
      return n;
    }
    if (value instanceof Character c) {
      return (int) c;
    }
    if (value instanceof byte[] one && one.length == 1 && code == 'c') {
      return one[0];
    }
    throw new IllegalArgumentException("typecode '" + code + "' needs a number, got "
        + (value == null ? "null" : value.getClass().getName()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Typecode<?> t && t.code == code;
  }

  @Override
  public int hashCode() {
    return code;
  }

  @Override
  public String toString() {
    return "'" + code + "'";
  }
}
