package dev.multiprocessing.examples;

import dev.multiprocessing.Process;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Python multiprocessing for beginners": ten long-running functions, run as ten processes
 * started together and then joined, so that they take the time of one instead of ten.
 *
 * <pre>{@code
 * import multiprocessing
 * import time
 *
 * def long_running_function():
 *     time.sleep(10)
 *     return
 *
 * if __name__ == '__main__':
 *     _processes = []
 *     for _ in range(10):
 *         _process = multiprocessing.Process(target=long_running_function)
 *         _process.start()
 *         _processes.append(_process)
 *     for _process in _processes:
 *         _process.join()
 * }</pre>
 *
 * <p>The article's function sleeps ten seconds; this one sleeps {@value #SECONDS} s so that the
 * tour stays shorter: one after another the ten would take {@value #FUNCTIONS} &times;
 * {@value #SECONDS} = 50 s. The article's program prints nothing; to show the parallelism, each
 * function prints when it started and finished, in seconds since the program started its first
 * process, and the program prints how long the ten took altogether. The intervals overlap: a
 * function starts while others still sleep. Altogether it takes {@value #SECONDS} s plus the
 * starts: the first start also starts this JVM's runtime (its cluster member and the fork
 * server's warm JVMs), and each child JVM costs a second or two of CPU to boot, which a small
 * machine pays a few at a time.
 *
 * <p>The offsets are taken from the wall clock ({@code System.currentTimeMillis()}), which every
 * JVM of the host shares: {@code System.nanoTime()} has an origin of its own in each JVM, so its
 * values cannot be compared between a parent and its children.
 */
public final class TenLongRunningFunctions {

  static final int SECONDS = 5;
  static final int FUNCTIONS = 10;

  private TenLongRunningFunctions() {}

  /** Seconds since {@code t0} (epoch milliseconds), as {@code 12.3}. */
  static String since(long t0) {
    return String.format(Locale.ROOT, "%.1f", (System.currentTimeMillis() - t0) / 1e3);
  }

  static void longRunningFunction(int n, long t0) throws InterruptedException {
    System.out.println("long_running_function " + n + " started at " + since(t0) + " s");
    Thread.sleep(SECONDS * 1000L);
    System.out.println("long_running_function " + n + " finished at " + since(t0) + " s");
  }

  public static void main(String[] args) {
    long t0 = System.currentTimeMillis();
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < FUNCTIONS; i++) {
      int n = i + 1;
      Process process = new Process(() -> longRunningFunction(n, t0));
      process.start();
      processes.add(process);
    }
    for (Process process : processes) {
      process.join();
    }
    System.out.printf("%d functions of %d s each, run as %d processes, finished in %s s (one after another: %d s)%n",
        FUNCTIONS, SECONDS, FUNCTIONS, since(t0), FUNCTIONS * SECONDS);
  }
}
