package dev.multiprocessing.pool;

import java.io.Serializable;

/**
 * The function that {@link Pool#map}, {@link Pool#imap} and their twins apply to each item: a
 * serializable lambda or method reference, which travels to the worker JVMs with the values it
 * captures (those must be serializable too).
 *
 * @param <T> the item type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fn<T, R> extends Serializable {

  /** Runs in a worker, on a plain thread (it may block). Any exception reaches the caller. */
  R apply(T item) throws Exception;
}
