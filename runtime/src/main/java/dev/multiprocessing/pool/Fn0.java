package dev.multiprocessing.pool;

import java.io.Serializable;

/**
 * What {@link Pool#apply} and {@link Pool#applyAsync} run: Python's {@code func} and {@code args}
 * in one serializable lambda, {@code () -> f(x, y)} (the captured values travel with it).
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fn0<R> extends Serializable {

  /** Runs in a worker, on a plain thread (it may block). Any exception reaches the caller. */
  R call() throws Exception;
}
