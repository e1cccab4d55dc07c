package dev.multiprocessing.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Serializable;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Prints dumps+loads times; asserts only correctness (timings on shared machines are noise). */
class PerformanceSmokeTest {
  record Point(int x, int y, String label) {}

  interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}

  private static double nanosPerRoundTrip(Object value, int warmup, int measured) {
    Object sink = null;
    for (int i = 0; i < warmup; i++) {
      sink = Pickler.loads(Pickler.dumps(value));
    }
    long start = System.nanoTime();
    for (int i = 0; i < measured; i++) {
      sink = Pickler.loads(Pickler.dumps(value));
    }
    long elapsed = System.nanoTime() - start;
    // A rebuilt lambda has a class of its own: compare what is comparable.
    assertEquals(value instanceof Function, sink instanceof Function);
    return (double) elapsed / measured;
  }

  @Test
  void dumpsPlusLoads_smallObjectAndLambda_printsTime() {
    Point point = new Point(3, 4, "p");
    int offset = 7;
    String prefix = "n=";
    SerializableFunction<Integer, String> lambda = n -> prefix + (n + offset);
    IllegalStateException exception = new IllegalStateException("boom");
    double pointNs = nanosPerRoundTrip(point, 300_000, 1_000_000);
    double lambdaNs = nanosPerRoundTrip(lambda, 100_000, 300_000);
    double exceptionNs = nanosPerRoundTrip(exception, 5_000, 20_000);
    System.out.printf(
        "dumps+loads: small record %.0f ns (%d bytes), lambda %.0f ns (%d bytes),"
            + " exception %.0f ns (%d bytes)%n",
        pointNs,
        Pickler.dumps(point).length,
        lambdaNs,
        Pickler.dumps(lambda).length,
        exceptionNs,
        Pickler.dumps(exception).length);
  }
}
