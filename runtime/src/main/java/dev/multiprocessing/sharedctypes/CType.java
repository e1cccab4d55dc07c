package dev.multiprocessing.sharedctypes;

import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * The type of a shared value's elements, Python's ctypes type: a {@link Typecode} or a
 * {@link Structure}. Elements are stored packed, little-endian, {@link #size()} bytes each.
 *
 * @param <T> the Java type of an element
 */
public interface CType<T> extends Serializable {

  /** Bytes per element. */
  int size();

  /** Reads the element at {@code offset}. */
  T get(ByteBuffer buf, int offset);

  /** Writes {@code value} at {@code offset}, converting and truncating as ctypes does. */
  void put(ByteBuffer buf, int offset, Object value);

  /** Python's name for it: a typecode such as {@code "d"}, or a structure's record name. */
  String code();
}
