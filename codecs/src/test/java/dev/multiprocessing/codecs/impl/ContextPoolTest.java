package dev.multiprocessing.codecs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ContextPoolTest {
  @Test
  void sameThread_getsBackTheInstanceItGaveBack() {
    ContextPool<Object> pool = new ContextPool<>(8, Object::new);
    Object first = pool.obtain();
    pool.free(first);
    assertSame(first, pool.obtain());
  }

  @Test
  void nestedObtain_givesAnotherInstance_andThePoolIsBounded() {
    AtomicInteger created = new AtomicInteger();
    ContextPool<Object> pool = new ContextPool<>(2, () -> created.incrementAndGet());
    List<Object> held = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      held.add(pool.obtain());
    }
    assertNotSame(held.get(0), held.get(1));
    held.forEach(pool::free); // only two are kept
    for (int i = 0; i < 5; i++) {
      pool.obtain();
    }
    assertEquals(5 + 3, created.get());
  }

  @Test
  void slots_mustBeAPowerOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> new ContextPool<>(6, Object::new));
    assertEquals(Integer.bitCount(ContextPool.defaultSlots()), 1);
    assertTrue(ContextPool.defaultSlots() >= 8);
  }

  /** An instance is never held by two threads at once. */
  @Test
  void instances_areNeverSharedBetweenThreads() throws Exception {
    final class Guarded {
      final AtomicBoolean inUse = new AtomicBoolean();
    }
    ContextPool<Guarded> pool = new ContextPool<>(4, Guarded::new);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 50_000; i++) {
                    Guarded g = pool.obtain();
                    if (!g.inUse.compareAndSet(false, true)) {
                      throw new AssertionError("shared between threads");
                    }
                    g.inUse.set(false);
                    pool.free(g);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
