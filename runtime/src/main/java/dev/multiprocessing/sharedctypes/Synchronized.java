package dev.multiprocessing.sharedctypes;

import dev.multiprocessing.synchronize.Acquirable;
import java.io.Serializable;
import java.util.function.Supplier;

/**
 * Python's {@code SynchronizedBase}: a raw shared object and the lock that guards it. Travels as
 * its two parts (each a handle).
 *
 * @param <O> the raw object's type
 */
abstract class Synchronized<O> implements Serializable, AutoCloseable {

  private static final long serialVersionUID = 1L;

  final O obj;
  final Acquirable lock;

  Synchronized(O obj, Acquirable lock) {
    this.obj = obj;
    this.lock = lock;
  }

  /** Python's {@code get_obj()}: the raw object, accessed without the lock. */
  public O getObj() {
    return obj;
  }

  /** Python's {@code get_lock()}. */
  public Acquirable getLock() {
    return lock;
  }

  /** Runs {@code body} holding the lock (re-entered if the caller holds it already). */
  <R> R locked(Supplier<R> body) {
    lock.acquire();
    try {
      return body.get();
    } finally {
      lock.release();
    }
  }

  /** Python's {@code __exit__}: releases the lock taken by {@code enter()}. */
  @Override
  public void close() {
    lock.release();
  }

  @Override
  public String toString() {
    return "<Synchronized wrapper for " + obj + ">";
  }
}
