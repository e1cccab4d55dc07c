package dev.multiprocessing.synchronize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.ProcessError;
import dev.multiprocessing.connection.Connection;
import dev.multiprocessing.connection.Peer;
import dev.multiprocessing.connection.Pipe;
import dev.multiprocessing.sharedctypes.RawValue;
import dev.multiprocessing.sharedctypes.SharedCtypes;
import dev.multiprocessing.sharedctypes.SynchronizedValue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link SyncContract} with the other party in a child JVM, plus what only processes can do: die. */
class ProcessSyncTest extends SyncContract {

  @Override
  Peer peer() {
    return Peer.process();
  }

  /** A child takes {@code a} and blocks; it is killed; {@code a} must come back within the bound. */
  private void assertGivenBackAfterHolderKilled(Acquirable a) throws Exception {
    Event taken = Multiprocessing.event();
    Peer p = peer().start(() -> {
      a.acquire();
      taken.set();
      new CountDownLatch(1).await();
    });
    assertTrue(taken.await(60));
    assertFalse(a.acquire(false), "held by the child");
    p.kill();
    long t0 = System.nanoTime();
    assertTrue(a.acquire(true, 30), "given back after the holder's death");
    double s = (System.nanoTime() - t0) / 1e9;
    assertTrue(s < 15, "took " + s + " s");
  }

  /** A killed process that kept a copy of an Event's flag must not hold up set() and clear(). */
  @Test
  void event_subscriberKilled_setAndClearStillReturn() throws Exception {
    Event e = Multiprocessing.event();
    Event ready = Multiprocessing.event();
    Peer p = peer().start(() -> {
      e.await(0); // keeps a copy from now on
      ready.set();
      new CountDownLatch(1).await();
    });
    assertTrue(ready.await(60));
    p.kill();
    long t0 = System.nanoTime();
    e.set();
    e.clear();
    double s = (System.nanoTime() - t0) / 1e9;
    assertTrue(s < 5, "set+clear took " + s + " s after the subscriber died");
    assertFalse(e.isSet());
  }

  @Test
  void lockHolderKilled_lockGivenBack_waiterProceeds() throws Exception {
    assertGivenBackAfterHolderKilled(Multiprocessing.lock());
  }

  @Test
  void rlockHolderKilled_rlockGivenBack() throws Exception {
    assertGivenBackAfterHolderKilled(Multiprocessing.rlock());
  }

  @Test
  void semaphoreHolderKilled_permitsGivenBack() throws Exception {
    assertGivenBackAfterHolderKilled(Multiprocessing.semaphore(1));
  }

  /** Two children, two threads each, and this JVM increment under one lock: leases change hands. */
  @Test
  void leasesBetweenChildrenAndThreads_loseNoIncrement() throws Exception {
    Lock lock = Multiprocessing.lock();
    RawValue<Integer> counter = SharedCtypes.rawValue("i", 0);
    SynchronizedValue<Integer> v = Multiprocessing.value("i", 0);
    int n = 60;
    int m = 600;
    dev.multiprocessing.Target work = () -> {
      Thread[] ts = new Thread[2];
      for (int t = 0; t < ts.length; t++) {
        ts[t] = new Thread(() -> {
          for (int i = 0; i < n; i++) {
            try (var held = lock.enter()) {
              counter.setValue(counter.getValue() + 1);
            }
          }
          for (int i = 0; i < m; i++) {
            try (var held = v.getLock().enter()) {
              v.setValue(v.getValue() + 1);
            }
          }
        });
        ts[t].start();
      }
      for (Thread t : ts) {
        t.join();
      }
    };
    Peer a = peer().start(work);
    Peer b = peer().start(work);
    for (int i = 0; i < n; i++) {
      try (var held = lock.enter()) {
        counter.setValue(counter.getValue() + 1);
      }
    }
    assertEquals(0, a.join());
    assertEquals(0, b.join());
    assertEquals(5 * n, counter.getValue());
    assertEquals(4 * m, v.getValue());
    assertFalse(lock.locked());
  }

  @Test
  void homeKilled_usersGetProcessError_evenWhileWaiting() throws Exception {
    Pipe pipe = Multiprocessing.pipe();
    Connection w = pipe.conn2();
    Peer p = peer().start(() -> {
      Lock mine = new Lock();
      mine.acquire();
      w.send(mine);
      new CountDownLatch(1).await();
    });
    Lock theirs = (Lock) pipe.conn1().recv();
    var waiting = theirs.acquireAsync();
    p.kill();
    long t0 = System.nanoTime();
    var cf = waiting.toCompletionStage().toCompletableFuture();
    var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> cf.get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof ProcessError, String.valueOf(e.getCause()));
    assertTrue((System.nanoTime() - t0) / 1e9 < 20);
    ProcessError later = assertThrows(ProcessError.class, () -> theirs.acquire(false));
    assertTrue(later.getMessage().contains("died"), later.getMessage());
  }
}
