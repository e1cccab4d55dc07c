package dev.multiprocessing.dummy;

import dev.multiprocessing.pool.Initializer;
import dev.multiprocessing.pool.ThreadPool;

/**
 * Python's {@code multiprocessing.dummy}: the {@code multiprocessing} API on threads. Its
 * {@code Pool} is a {@link ThreadPool}: {@code from multiprocessing.dummy import Pool} becomes
 * {@code Dummy.pool(n)}.
 */
public final class Dummy {

  private Dummy() {}

  /** Python's {@code multiprocessing.dummy.Pool()}: {@code cpuCount()} threads. */
  public static ThreadPool pool() {
    return new ThreadPool();
  }

  /** Python's {@code multiprocessing.dummy.Pool(processes)}. */
  public static ThreadPool pool(int processes) {
    return new ThreadPool(processes);
  }

  /** Python's {@code multiprocessing.dummy.Pool(processes, initializer, initargs)}. */
  public static ThreadPool pool(int processes, Initializer initializer) {
    return new ThreadPool(processes, initializer);
  }
}
