package dev.multiprocessing.synchronize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.connection.Peer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link SyncContract} with the other party in a thread of this JVM, plus input checks and async twins. */
class ThreadSyncTest extends SyncContract {

  @Override
  Peer peer() {
    return Peer.thread();
  }

  @Test
  void badInput_raisesIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> Multiprocessing.semaphore(-1));
    assertThrows(IllegalArgumentException.class, () -> Multiprocessing.boundedSemaphore(-1));
    assertThrows(IllegalArgumentException.class, () -> Multiprocessing.barrier(0));
    Lock lock = Multiprocessing.lock();
    assertThrows(IllegalArgumentException.class, () -> lock.acquire(true, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Multiprocessing.event().await(Double.NaN));
  }

  @Test
  void blockingCallOnEventLoop_failsNamingAsyncTwin_asyncTwinWorks() throws Exception {
    Lock lock = Multiprocessing.lock();
    Event e = Multiprocessing.event();
    Promise<String> seen = Promise.promise();
    Multiprocessing.vertx().runOnContext(x -> {
      try {
        lock.acquire();
        seen.fail("acquire blocked on an event loop");
      } catch (IllegalStateException ex) {
        Future<Boolean> f = lock.acquireAsync().compose(ok -> e.awaitAsync(30)).onFailure(seen::tryFail);
        f.onSuccess(ok -> seen.tryComplete(ex.getMessage()));
      }
    });
    e.set();
    String msg = seen.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertTrue(msg.contains("acquireAsync()"), msg);
    assertTrue(lock.locked());
    lock.releaseAsync().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertFalse(lock.locked());
  }

  @Test
  void lockAndRLock_inOneJvm_areExclusiveBetweenThreads() throws Exception {
    for (Acquirable lock : new Acquirable[] {Multiprocessing.lock(), Multiprocessing.rlock()}) {
      int[] counter = {0};
      int n = 20_000;
      Thread[] ts = new Thread[4];
      for (int t = 0; t < ts.length; t++) {
        ts[t] = new Thread(() -> {
          for (int i = 0; i < n; i++) {
            try (var held = lock.enter()) {
              int v = counter[0];
              Thread.yield();
              counter[0] = v + 1;
            }
          }
        });
        ts[t].start();
      }
      for (Thread t : ts) {
        t.join(60_000);
      }
      assertEquals(4 * n, counter[0], lock.toString());
    }
  }

  @Test
  void condition_signalN_wakesAtMostN() throws Exception {
    Condition c = Multiprocessing.condition(Multiprocessing.lock());
    Semaphore woke = Multiprocessing.semaphore(0);
    Semaphore asleep = Multiprocessing.semaphore(0);
    for (int i = 0; i < 3; i++) {
      Peer.thread().start(() -> {
        c.acquire();
        asleep.release();
        check(c.await(60), "woken");
        c.release();
        woke.release();
      });
    }
    for (int i = 0; i < 3; i++) {
      assertTrue(asleep.acquire(true, 60));
    }
    c.acquire();   // every sleeper has registered and released the lock once we hold it
    c.signal(2);
    c.release();
    assertTrue(woke.acquire(true, 60));
    assertTrue(woke.acquire(true, 60));
    assertFalse(woke.acquire(true, 0.2), "a third sleeper woke");
    try (var held = c.enter()) {
      c.signalAll();
    }
    assertTrue(woke.acquire(true, 60));
  }
}
