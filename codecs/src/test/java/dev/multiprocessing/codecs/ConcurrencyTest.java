package dev.multiprocessing.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  record Item(int id, String name, List<Integer> values, Map<String, Integer> index) {}

  interface SerializableOp extends IntUnaryOperator, Serializable {}

  @Test
  void dumpsAndLoads_fromEightThreadsAtOnce_giveCorrectResults() throws Exception {
    int threads = 8;
    int iterations = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<Integer> worker =
            () -> {
              start.await();
              int checked = 0;
              for (int i = 0; i < iterations; i++) {
                int id = thread * iterations + i;
                Item item = new Item(id, "item-" + id, List.of(id, -id), Map.of("k" + id, id));
                assertEquals(item, Pickler.loads(Pickler.dumps(item)));
                if (i % 10 == 0) {
                  int offset = id;
                  SerializableOp op = x -> x + offset;
                  SerializableOp copy = Pickler.copy(op);
                  assertEquals(id + 1, copy.applyAsInt(1));
                }
                if (i % 100 == 0) {
                  // Failures interleaved with successes must not disturb other threads.
                  assertThrows(PicklingError.class, () -> Pickler.dumps(List.of(new Object())));
                  IllegalStateException e = new IllegalStateException("e" + id);
                  assertEquals("e" + id, Pickler.copy(e).getMessage());
                }
                checked++;
              }
              return checked;
            };
        results.add(pool.submit(worker));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(120, TimeUnit.SECONDS);
      }
      assertEquals(threads * iterations, total);
    } finally {
      pool.shutdownNow();
    }
  }
}
