package dev.multiprocessing.sharedctypes;

import java.util.List;

/**
 * Python's shared ctypes array: fixed length, elements read and written by index (negative indices
 * count from the end, as in Python) or by slice. Either raw ({@link RawArray}: each element or
 * slice read or write is atomic by itself) or synchronized ({@link SynchronizedArray}: each takes
 * its lock). An array of typecode {@code c} also has Python's {@code value} (the bytes up to the
 * first NUL) and {@code raw} (all bytes).
 *
 * @param <T> the Java type of an element
 */
public interface Array<T> {

  /** Python's {@code len(a)}. */
  int length();

  /** Python's {@code a[i]}; {@link IndexOutOfBoundsException} outside the array. */
  T get(int index);

  /** Python's {@code a[i] = v}. */
  void set(int index, T value);

  /** Python's {@code a[from:to]} (indices clamped as Python's slices are). */
  List<T> slice(int from, int to);

  /** Python's {@code a[from:to] = values}; the slice and the values must have the same length. */
  void setSlice(int from, int to, List<? extends T> values);

  /** Python's {@code a[:]}. */
  List<T> toList();

  /** Python's {@code a.value} for typecode {@code c}: the bytes before the first NUL. */
  byte[] getValue();

  /** Python's {@code a.value = b} for typecode {@code c}: at most the length; a NUL follows if shorter. */
  void setValue(byte[] value);

  /** Python's {@code a.raw} for typecode {@code c}: every byte. */
  byte[] getRaw();

  /** Python's {@code a.raw = b} for typecode {@code c}: at most the length. */
  void setRaw(byte[] value);
}
