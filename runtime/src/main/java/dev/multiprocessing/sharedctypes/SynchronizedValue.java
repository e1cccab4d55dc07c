package dev.multiprocessing.sharedctypes;

import dev.multiprocessing.synchronize.Acquirable;
import java.io.Serializable;

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
public final class SynchronizedValue<T> implements Value<T>, Serializable, AutoCloseable {

  private static final long serialVersionUID = 1L;

  private final RawValue<T> obj;
  private final Acquirable lock;

  SynchronizedValue(RawValue<T> obj, Acquirable lock) {
    this.obj = obj;
    this.lock = lock;
  }

  /** Python's {@code get_obj()}: the raw value, accessed without the lock. */
  public RawValue<T> getObj() {
    return obj;
  }

  /** Python's {@code get_lock()}. */
  public Acquirable getLock() {
    return lock;
  }

  @Override
  public T getValue() {
    lock.acquire();
    try {
      return obj.getValue();
    } finally {
      lock.release();
    }
  }

  @Override
  public void setValue(T value) {
    lock.acquire();
    try {
      obj.setValue(value);
    } finally {
      lock.release();
    }
  }

  /** Python's {@code with v:}: acquires the lock and returns this. */
  public SynchronizedValue<T> enter() {
    lock.acquire();
    return this;
  }

  @Override
  public void close() {
    lock.release();
  }

  @Override
  public String toString() {
    return "<Synchronized wrapper for " + obj + ">";
  }
}
