package dev.multiprocessing.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Prints dumps+loads times; asserts only correctness (timings on a shared machine are noise).
 * Besides wall time it prints the thread's CPU time per operation, which stays meaningful when
 * other processes compete for the cores.
 */
class PerformanceSmokeTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  record Point(int x, int y, String label) {}

  interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}

  private static String time(Object value, int warmup, int measured) {
    Object sink = null;
    for (int i = 0; i < warmup; i++) {
      sink = Pickler.loads(Pickler.dumps(value));
    }
    long cpu = THREADS.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    for (int i = 0; i < measured; i++) {
      sink = Pickler.loads(Pickler.dumps(value));
    }
    wall = System.nanoTime() - wall;
    cpu = THREADS.getCurrentThreadCpuTime() - cpu;
    // A rebuilt lambda has a class of its own: compare what is comparable.
    assertEquals(value instanceof Function, sink instanceof Function);
    return String.format(
        "%.0f ns cpu / %.0f ns wall (%d bytes)",
        (double) cpu / measured, (double) wall / measured, Pickler.dumps(value).length);
  }

  @Test
  void dumpsPlusLoads_smallObjectLambdaAndException_printsTime() {
    Point point = new Point(3, 4, "p");
    int offset = 7;
    String prefix = "n=";
    SerializableFunction<Integer, String> lambda = n -> prefix + (n + offset);
    IllegalStateException exception = new IllegalStateException("boom");
    System.out.println("dumps+loads, small record: " + time(point, 200_000, 300_000));
    System.out.println("dumps+loads, lambda:       " + time(lambda, 50_000, 100_000));
    System.out.println("dumps+loads, exception:    " + time(exception, 2_000, 5_000));
  }
}
