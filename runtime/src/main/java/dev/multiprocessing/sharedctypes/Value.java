package dev.multiprocessing.sharedctypes;

/**
 * Python's shared ctypes value: {@code v.value} is {@link #getValue()} and {@link #setValue}.
 * Either raw ({@link RawValue}: each read or write is atomic by itself) or synchronized
 * ({@link SynchronizedValue}: each read or write takes its lock).
 *
 * @param <T> the Java type of the value
 */
public interface Value<T> {

  /** Python's {@code v.value}; blocks for one round trip when the value lives in another process. */
  T getValue();

  /** Python's {@code v.value = x}. */
  void setValue(T value);
}
