package dev.multiprocessing.pool;

import java.io.Serializable;

/** A four-argument serializable function, for {@link Pool#starmap} over four-value {@link Args} tuples. */
@FunctionalInterface
public interface Fn4<A, B, C, D, R> extends Serializable {

  /** Runs in a worker, on a plain thread (it may block). */
  R apply(A a, B b, C c, D d) throws Exception;
}
