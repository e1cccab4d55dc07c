package dev.multiprocessing.pool;

import java.io.Serializable;

/** A two-argument serializable function, for {@link Pool#starmap} over {@link Args#of(Object, Object)} tuples. */
@FunctionalInterface
public interface Fn2<A, B, R> extends Serializable {

  /** Runs in a worker, on a plain thread (it may block). */
  R apply(A a, B b) throws Exception;
}
