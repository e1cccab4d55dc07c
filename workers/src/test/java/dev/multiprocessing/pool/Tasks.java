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

  /** Returns {@code x} once {@code path} exists (checked every 5 ms, at most 60 s). */
  static int whenFileExists(int x, String path) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!java.nio.file.Files.exists(java.nio.file.Path.of(path)) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return x;
  }

  /** A copy of {@code b} in reverse order. */
  static byte[] reversed(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
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
