package dev.multiprocessing.connection.impl;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock of a pipe end, which also counts how many end locks the calling thread holds. Futures
 * complete, and so run user callbacks, under an end's lock; a thread that holds one must not take
 * another end's lock in a way another thread may reverse (hand frames straight to an end of this
 * JVM) nor wait for a connection's read lock (whose holder takes end locks to deliver). Held
 * counts are kept per thread; a {@code Condition} wait keeps the count, as the thread only sleeps.
 */
final class EndLock extends ReentrantLock {

  private static final ThreadLocal<int[]> HELD = ThreadLocal.withInitial(() -> new int[1]);

  @Override
  public void lock() {
    super.lock();
    HELD.get()[0]++;
  }

  @Override
  public void unlock() {
    super.unlock();
    HELD.get()[0]--;
  }

  /** How many end locks (counting re-entries) the calling thread holds. */
  static int heldByThisThread() {
    return HELD.get()[0];
  }
}
