package dev.multiprocessing.synchronize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.ProcessError;
import dev.multiprocessing.connection.Connection;
import dev.multiprocessing.connection.Peer;
import dev.multiprocessing.connection.Pipe;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link SyncContract} with the other party in a child JVM, plus what only processes can do: die. */
class ProcessSyncTest extends SyncContract {

  @Override
  Peer peer() {
    return Peer.process();
  }

  /** Starts a child that takes what {@code take} takes, says so, and blocks until killed. */
  private Peer holder(Acquirable a, Event taken) {
    return peer().start(() -> {
      a.acquire();
      taken.set();
      new CountDownLatch(1).await();
    });
  }

  private static void assertGivenBack(Acquirable a) {
    long t0 = System.nanoTime();
    assertTrue(a.acquire(true, 30), "given back after the holder's death");
    double s = (System.nanoTime() - t0) / 1e9;
    assertTrue(s < 15, "took " + s + " s");
  }

  @Test
  void lockHolderKilled_lockGivenBack_waiterProceeds() throws Exception {
    Lock lock = Multiprocessing.lock();
    Event taken = Multiprocessing.event();
    Peer p = holder(lock, taken);
    assertTrue(taken.await(60));
    p.kill();
    assertGivenBack(lock);
  }

  @Test
  void rlockHolderKilled_rlockGivenBack() throws Exception {
    RLock lock = Multiprocessing.rlock();
    Event taken = Multiprocessing.event();
    Peer p = holder(lock, taken);
    assertTrue(taken.await(60));
    p.kill();
    assertGivenBack(lock);
  }

  @Test
  void semaphoreHolderKilled_permitsGivenBack() throws Exception {
    Semaphore s = Multiprocessing.semaphore(1);
    Event taken = Multiprocessing.event();
    Peer p = holder(s, taken);
    assertTrue(taken.await(60));
    assertEquals(0, s.getValue());
    p.kill();
    assertGivenBack(s);
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
