package dev.multiprocessing.examples;

import dev.multiprocessing.Process;
import java.util.ArrayList;
import java.util.List;

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
 * <p>The article's function sleeps ten seconds; this one sleeps {@value #SECONDS} second so that
 * the tour stays short, and the program prints how long the ten took altogether: about one
 * second plus the start of the child JVMs, against ten seconds one after another.
 */
public final class TenLongRunningFunctions {

  static final int SECONDS = 1;
  static final int FUNCTIONS = 10;

  private TenLongRunningFunctions() {}

  static void longRunningFunction() throws InterruptedException {
    Thread.sleep(SECONDS * 1000L);
  }

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < FUNCTIONS; i++) {
      Process process = new Process(TenLongRunningFunctions::longRunningFunction);
      process.start();
      processes.add(process);
    }
    for (Process process : processes) {
      process.join();
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%d functions of %d s each, run as %d processes, finished in %.1f s (one after another: %d s)%n",
        FUNCTIONS, SECONDS, FUNCTIONS, elapsed, FUNCTIONS * SECONDS);
  }
}
