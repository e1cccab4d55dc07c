package dev.multiprocessing.pool;

import java.io.Serializable;

/** A three-argument serializable function, for {@link Pool#starmap} over {@link Args#of(Object, Object, Object)} tuples. */
@FunctionalInterface
public interface Fn3<A, B, C, R> extends Serializable {

  /** Runs in a worker, on a plain thread (it may block). */
  R apply(A a, B b, C c) throws Exception;
}
