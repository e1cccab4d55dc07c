package dev.multiprocessing.sharedctypes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.connection.Peer;
import dev.multiprocessing.synchronize.Event;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** {@link SharedCtypesContract} with the other party in a child JVM, plus a writer's death. */
class ProcessSharedCtypesTest extends SharedCtypesContract {

  @Override
  Peer peer() {
    return Peer.process();
  }

  @Test
  void writerKilledHoldingTheLock_keepsItsWrites_lockGivenBack() throws Exception {
    SynchronizedValue<Integer> v = Multiprocessing.value("i", 1);
    Event written = Multiprocessing.event();
    Peer p = peer().start(() -> {
      v.getLock().acquire();
      v.setValue(42);
      written.set();
      new CountDownLatch(1).await();
    });
    assertTrue(written.await(60));
    p.kill();
    assertTrue(v.getLock().acquire(true, 30));
    assertEquals(42, v.getValue());
    v.getLock().release();
  }
}
