package dev.multiprocessing.pool;

import java.util.concurrent.atomic.AtomicInteger;

/** Functions that the pool tests run in workers (static: nothing of a test instance travels). */
final class Tasks {

  private Tasks() {}

  static final ThreadLocal<String> INIT = new ThreadLocal<>();
  static final AtomicInteger INIT_RUNS = new AtomicInteger();

  static int sq(int x) {
    return x * x;
  }

  static double reciprocalOfXMinus5(int x) {
    if (x == 5) {
      throw new ArithmeticException("division by zero at x=" + x);
    }
    return 1.0 / (x - 5);
  }

  static int sleepThenReturn(int x, long millis) throws InterruptedException {
    Thread.sleep(millis);
    return x;
  }

  static String worker() {
    return dev.multiprocessing.Multiprocessing.currentProcess().getName() + "/" + ProcessHandle.current().pid()
        + "/" + Thread.currentThread().getName();
  }

  static void initialize(String tag) {
    INIT_RUNS.incrementAndGet();
    INIT.set(tag);
  }
}
