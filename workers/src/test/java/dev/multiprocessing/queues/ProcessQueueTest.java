package dev.multiprocessing.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.ProcessError;
import dev.multiprocessing.connection.Peer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** {@link QueueContract} with the other side in child JVMs, plus what only processes can do. */
class ProcessQueueTest extends QueueContract {
  @Override
  Peer peer() {
    return Peer.process();
  }

  @Test
  void peerClosesItsSide_itemsPutBeforeArrive_andItsLaterPutsRaise() throws Exception {
    Queue<String> q = Multiprocessing.queue();
    Peer p = peer().start(() -> {
      q.put("before close");
      q.close();
      q.joinThread();
      try {
        q.put("after");
        throw new AssertionError("put after close did not raise");
      } catch (IllegalStateException expected) {
        if (!expected.getMessage().contains("closed")) {
          throw expected;
        }
      }
    });
    assertEquals(0, p.join());
    assertEquals("before close", q.get());
    q.put("still open here");
    assertEquals("still open here", q.get());
  }

  @Test
  void consumerDiesWhileWaitingInGet_nothingLost() throws Exception {
    Queue<Integer> q = Multiprocessing.queue();
    SimpleQueue<String> started = Multiprocessing.simpleQueue();
    Peer p = peer().start(() -> {
      started.put("waiting");
      q.get();
    });
    assertEquals("waiting", started.get());
    p.kill();
    for (int i = 0; i < 100; i++) {
      q.put(i);
    }
    for (int i = 0; i < 100; i++) {
      assertEquals(i, q.get(true, 30));
    }
  }

  @Test
  void consumerDiesWithItemsDeliveredButNotGot_theyComeBack() throws Exception {
    Queue<Integer> q = Multiprocessing.queue();
    SimpleQueue<Integer> report = Multiprocessing.simpleQueue();
    int n = 20_000;
    putRange(q, n);
    Peer p = peer().start(() -> {
      int got = 0;
      for (int i = 0; i < 5_000; i++) {
        q.get();
        got++;
      }
      // Acknowledgements of gets leave within a millisecond; qsize() sends them first. Without
      // it, a kill right after the report falls in the documented window in which items just
      // got come back to the queue (Queue javadoc).
      q.qsize();
      report.put(got);
      new CountDownLatch(1).await();
    });
    int consumedByPeer = report.get();
    p.kill();
    Set<Integer> rest = new HashSet<>();
    for (int i = 0; i < n - consumedByPeer; i++) {
      rest.add(q.get(true, 30));
    }
    assertEquals(n - consumedByPeer, rest.size(), "no duplicates");
    for (int i = consumedByPeer; i < n; i++) {
      assertTrue(rest.contains(i), "item " + i + " came back");
    }
    assertThrows(Empty.class, () -> q.get(true, 0.2));
  }

  @Test
  void producerExitsRightAfterPut_joinBeforeGet_doesNotDeadlock() throws Exception {
    Queue<byte[]> q = Multiprocessing.queue();
    Process p = Multiprocessing.getContext("forkserver").process(() -> {
      for (int i = 0; i < 200; i++) {
        q.put(new byte[64 << 10]);
      }
    });
    p.start();
    p.join(60);
    assertEquals(0, p.getExitCode());
    for (int i = 0; i < 200; i++) {
      assertEquals(64 << 10, q.get(true, 30).length);
    }
  }

  @Test
  void homeDies_usersGetAClearError_notAHang() throws Exception {
    SimpleQueue<Object> carrier = Multiprocessing.simpleQueue();
    Peer p = peer().start(() -> {
      Queue<String> mine = Multiprocessing.queue();
      mine.put("from the home");
      carrier.put(mine);
      new CountDownLatch(1).await();
    });
    @SuppressWarnings("unchecked")
    Queue<String> q = (Queue<String>) carrier.get();
    assertEquals("from the home", q.get(true, 30));
    p.kill();
    long t0 = System.nanoTime();
    ProcessError e = assertThrows(ProcessError.class, () -> q.get(true, 60));
    assertTrue(e.getMessage().contains("created this queue has exited"), e.getMessage());
    assertTrue((System.nanoTime() - t0) / 1e9 < 30);
    assertThrows(ProcessError.class, () -> q.put("x"));
  }
}
