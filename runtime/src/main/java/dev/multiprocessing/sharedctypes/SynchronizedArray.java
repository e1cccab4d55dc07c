package dev.multiprocessing.sharedctypes;

import dev.multiprocessing.synchronize.Acquirable;
import java.util.List;

/**
 * Python's synchronized wrapper of a shared array ({@code Array(typecode, init)}, the default with
 * {@code lock=True}): every element, slice, {@code value} or {@code raw} access takes the lock.
 * Hold the lock ({@code getLock()}, or {@link #enter()}) to make several accesses one atomic step.
 * See {@link SynchronizedValue} for how the default lock carries the data to its holder.
 *
 * @param <T> the Java type of an element
 */
public final class SynchronizedArray<T> extends Synchronized<RawArray<T>> implements Array<T> {

  private static final long serialVersionUID = 1L;

  SynchronizedArray(RawArray<T> obj, Acquirable lock) {
    super(obj, lock);
  }

  @Override
  public int length() {
    return obj.length();
  }

  @Override
  public T get(int index) {
    return locked(() -> obj.get(index));
  }

  @Override
  public void set(int index, T value) {
    locked(() -> {
      obj.set(index, value);
      return null;
    });
  }

  @Override
  public List<T> slice(int from, int to) {
    return locked(() -> obj.slice(from, to));
  }

  @Override
  public void setSlice(int from, int to, List<? extends T> values) {
    locked(() -> {
      obj.setSlice(from, to, values);
      return null;
    });
  }

  @Override
  public List<T> toList() {
    return locked(obj::toList);
  }

  @Override
  public byte[] getValue() {
    return locked(obj::getValue);
  }

  @Override
  public void setValue(byte[] value) {
    locked(() -> {
      obj.setValue(value);
      return null;
    });
  }

  @Override
  public byte[] getRaw() {
    return locked(obj::getRaw);
  }

  @Override
  public void setRaw(byte[] value) {
    locked(() -> {
      obj.setRaw(value);
      return null;
    });
  }

  /** Python's {@code with a:}: acquires the lock and returns this. */
  public SynchronizedArray<T> enter() {
    lock.acquire();
    return this;
  }
}
