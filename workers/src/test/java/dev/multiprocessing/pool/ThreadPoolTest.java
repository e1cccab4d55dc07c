package dev.multiprocessing.pool;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.dummy.Dummy;
import org.junit.jupiter.api.Test;

/** {@link PoolContract} over threads of this JVM. */
class ThreadPoolTest extends PoolContract {

  @Override
  Pool newPool(PoolOptions options) {
    return new ThreadPool(options);
  }

  @Test
  void threadPool_rejectsProcessOnlyOptions() {
    assertThrows(IllegalArgumentException.class, () -> new ThreadPool(new PoolOptions().setMaxTasksPerChild(3)));
    assertThrows(IllegalArgumentException.class,
        () -> new ThreadPool(new PoolOptions().setContext(Multiprocessing.getContext("spawn"))));
  }

  @Test
  void dummyPool_isAThreadPool() {
    ThreadPool p = Dummy.pool(2);
    try {
      org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(1, 4, 9), p.map(Tasks::sq, java.util.List.of(1, 2, 3)));
    } finally {
      p.terminate();
      p.join();
    }
  }
}
