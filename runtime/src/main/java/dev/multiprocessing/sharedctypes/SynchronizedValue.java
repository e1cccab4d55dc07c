package dev.multiprocessing.sharedctypes;

import dev.multiprocessing.synchronize.Acquirable;

/**
 * Python's synchronized wrapper of a shared value ({@code Value(typecode, x)}, the default with
 * {@code lock=True}): every read and write of {@code value} takes the lock, recursively when the
 * caller already holds it. It is process-safe:
 * {@code try (var l = v.getLock().enter()) { v.setValue(v.getValue() + 1); }} from several
 * processes loses no increment.
 *
 * <p>With its own lock (the default, an {@code RLock} stored with the value), a process that
 * acquires the lock receives the value's bytes with the grant: while it holds the lock, reads are
 * local and writes are sent ahead to the value's home without waiting, so an increment under the
 * lock from another process costs two round trips (acquire, release). A writer that dies holding
 * the lock leaves the writes it made. With a lock passed in, each access is one round trip more.
 *
 * @param <T> the Java type of the value
 */
public final class SynchronizedValue<T> extends Synchronized<RawValue<T>> implements Value<T> {

  private static final long serialVersionUID = 1L;

  SynchronizedValue(RawValue<T> obj, Acquirable lock) {
    super(obj, lock);
  }

  @Override
  public T getValue() {
    return locked(obj::getValue);
  }

  @Override
  public void setValue(T value) {
    locked(() -> {
      obj.setValue(value);
      return null;
    });
  }

  /** Python's {@code with v:}: acquires the lock and returns this. */
  public SynchronizedValue<T> enter() {
    lock.acquire();
    return this;
  }
}
