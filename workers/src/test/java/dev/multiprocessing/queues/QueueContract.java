package dev.multiprocessing.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.codecs.PicklingError;
import dev.multiprocessing.connection.Peer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour of {@link Queue}, {@link SimpleQueue} and {@link JoinableQueue}, written once and
 * run with the other side in a thread of this JVM and in child JVMs. Peers report failures
 * through their exit code.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class QueueContract {

  abstract Peer peer();

  @Test
  void put_get_objectArrivesEqual() throws Exception {
    Queue<Object> q = Multiprocessing.queue();
    Peer p = peer().start(() -> q.put(Arrays.asList(42, null, "hello")));
    assertEquals(Arrays.asList(42, null, "hello"), q.get());
    assertEquals(0, p.join());
  }

  @Test
  void oneProducer_manyItems_arriveInOrder() throws Exception {
    Queue<Integer> q = Multiprocessing.queue();
    int n = 50_000;
    Peer p = peer().start(() -> {
      for (int i = 0; i < n; i++) {
        q.put(i);
      }
    });
    for (int i = 0; i < n; i++) {
      assertEquals(i, q.get());
    }
    assertEquals(0, p.join());
    assertTrue(q.empty());
  }

  @Test
  void getFromPeer_consumerInOtherProcess_receivesAllInOrder() throws Exception {
    Queue<Integer> q = Multiprocessing.queue();
    SimpleQueue<String> verdict = Multiprocessing.simpleQueue();
    int n = 20_000;
    Peer p = peer().start(() -> {
      for (int i = 0; i < n; i++) {
        int x = q.get();
        if (x != i) {
          verdict.put("got " + x + " at " + i);
          return;
        }
      }
      verdict.put("ok");
    });
    for (int i = 0; i < n; i++) {
      q.put(i);
    }
    assertEquals("ok", verdict.get());
    assertEquals(0, p.join());
  }

  @Test
  void consumerStopsHoldingPrefetch_nextConsumerContinuesInPutOrder() throws Exception {
    Queue<Integer> q = Multiprocessing.queue();
    SimpleQueue<Integer> lastTaken = Multiprocessing.simpleQueue();
    SimpleQueue<String> end = Multiprocessing.simpleQueue();
    int n = 20_000;
    putRange(q, n);
    Peer p = peer().start(() -> {
      lastTaken.put(take(q, 5_000, 0));   // a tight loop: its prefetch grows beyond what it takes
      end.get();       // alive and idle, holding whatever it prefetched, until told to end
    });
    int last = lastTaken.get();
    for (int want = last + 1; want < n; want++) {
      assertEquals(want, q.get(true, 30), "the producer's next item, not one after the other's prefetch");
    }
    end.put("end");
    assertEquals(0, p.join());
  }

  @Test
  void consumerStopsHoldingPrefetchTwice_nextConsumerIsServedBothTimes() throws Exception {
    Queue<Integer> q = Multiprocessing.queue();
    SimpleQueue<Integer> lastTaken = Multiprocessing.simpleQueue();
    SimpleQueue<String> go = Multiprocessing.simpleQueue();
    putRange(q, 30_000);
    Peer p = peer().start(() -> {
      lastTaken.put(take(q, 5_000, 0));
      go.get();   // idle with its prefetch: the other consumer's get makes it hand back
      lastTaken.put(take(q, 300, 150_000));   // with work per item the window regrows by doubling only
      go.get();   // idle again, with a smaller prefetch than the first time
    });
    int last = lastTaken.get();
    assertEquals(last + 1, q.get(true, 30));
    go.put("more");
    last = lastTaken.get();
    assertEquals(last + 1, q.get(true, 30), "the second hand-back came");
    go.put("end");
    assertEquals(0, p.join());
  }

  @Test
  void consumersWithWorkPerItem_stopAtSentinels_everyItemTaken() throws Exception {
    Queue<Integer> q = Multiprocessing.queue();
    SimpleQueue<Integer> counts = Multiprocessing.simpleQueue();
    int n = 3_000;
    List<Peer> peers = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      peers.add(peer().start(() -> {
        int mine = 0;
        while (q.get() != null) {
          work(200_000);   // 0.2 ms: enough to prefetch, little enough to be recalled
          mine++;
        }
        counts.put(mine);
      }));
    }
    putRange(q, n);
    q.put(null);
    q.put(null);
    assertEquals(n, counts.get() + counts.get(), "items taken before both consumers took a sentinel");
    for (Peer p : peers) {
      assertEquals(0, p.join());
    }
  }

  @Test
  void getNowait_onEmpty_raisesEmptyAtOnce() {
    Queue<Object> q = Multiprocessing.queue();
    long t0 = System.nanoTime();
    assertThrows(Empty.class, q::getNowait);
    assertThrows(Empty.class, () -> q.get(false));
    assertThrows(Empty.class, () -> q.get(true, 0));
    assertThrows(Empty.class, () -> q.get(true, -1));
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void getNowait_seesItemsPutByOthers() throws Exception {
    Queue<String> q = Multiprocessing.queue();
    Peer p = peer().start(() -> q.put("x"));
    assertEquals(0, p.join());
    assertEquals("x", q.getNowait());
  }

  @Test
  void get_timesOut_raisesEmpty() {
    Queue<Object> q = Multiprocessing.queue();
    long t0 = System.nanoTime();
    Empty e = assertThrows(Empty.class, () -> q.get(true, 0.3));
    double s = (System.nanoTime() - t0) / 1e9;
    assertTrue(s >= 0.29 && s < 10, "waited " + s + " s");
    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
  }

  @Test
  void boundedQueue_full_putRaisesFullOrTimesOut_thenUnblocksOnGet() throws Exception {
    Queue<Integer> q = Multiprocessing.queue(2);
    q.put(1);
    q.put(2);
    assertTrue(q.full());
    assertThrows(Full.class, () -> q.putNowait(3));
    assertThrows(Full.class, () -> q.put(3, true, 0));
    long t0 = System.nanoTime();
    assertThrows(Full.class, () -> q.put(3, true, 0.3));
    assertTrue((System.nanoTime() - t0) / 1e9 >= 0.29);
    Peer p = peer().start(() -> {
      q.put(3);
      q.put(4);
    });
    assertEquals(1, q.get());
    assertEquals(2, q.get());
    assertEquals(3, q.get());
    assertEquals(4, q.get());
    assertEquals(0, p.join());
    assertEquals(0, q.qsize());
  }

  @Test
  void qsize_countsOwnPutsAndGetsExactly() {
    Queue<Integer> q = Multiprocessing.queue(10);
    assertTrue(q.empty());
    q.put(1);
    q.put(2);
    q.put(3);
    assertEquals(3, q.qsize());
    assertEquals(1, q.get());
    assertEquals(2, q.qsize());
    assertFalse(q.full());
    assertFalse(q.empty());
  }

  @Test
  void severalProducersAndConsumers_eachItemExactlyOnce() throws Exception {
    Queue<Integer> q = Multiprocessing.queue();
    SimpleQueue<List<Integer>> got = Multiprocessing.simpleQueue();
    int per = 5_000;
    List<Peer> peers = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      int base = k * per;
      peers.add(peer().start(() -> {
        for (int i = 0; i < per; i++) {
          q.put(base + i);
        }
        q.put(-1);
        q.put(-1);
      }));
    }
    for (int k = 0; k < 2; k++) {
      peers.add(peer().start(() -> {
        List<Integer> mine = new ArrayList<>();
        int stops = 0;
        while (stops < 2) {
          int x = q.get();
          if (x < 0) {
            stops++;
            continue;
          }
          mine.add(x);
        }
        got.put(mine);
      }));
    }
    Set<Integer> all = new HashSet<>();
    int count = 0;
    for (int k = 0; k < 2; k++) {
      List<Integer> mine = got.get();
      count += mine.size();
      all.addAll(mine);
    }
    assertEquals(2 * per, count, "no item twice");
    assertEquals(2 * per, all.size(), "no item lost");
    for (Peer p : peers) {
      assertEquals(0, p.join());
    }
  }

  @Test
  void joinableQueue_joinWaitsForTaskDone_andTooManyTaskDoneRaises() throws Exception {
    JoinableQueue<Integer> q = Multiprocessing.joinableQueue();
    assertThrows(IllegalStateException.class, q::taskDone);
    Peer p = peer().start(() -> {
      while (true) {
        Integer x = q.get();
        q.taskDone();
        if (x == null) {
          return;
        }
      }
    });
    for (int i = 0; i < 1000; i++) {
      q.put(i);
    }
    q.join();
    assertEquals(0, q.unfinishedTasks());
    q.put(null);
    q.join();
    assertEquals(0, p.join());
    IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
    assertTrue(e.getMessage().contains("too many times"), e.getMessage());
  }

  @Test
  void close_laterCallsRaiseQueueIsClosed() {
    Queue<String> q = Multiprocessing.queue();
    q.put("x");
    q.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, q::get);
    assertTrue(e.getMessage().contains("queue is closed"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> q.put("x"));
    assertThrows(IllegalStateException.class, q::qsize);
    q.joinThread();
  }

  @Test
  void creatorCloses_noOtherUser_homeLetsGoOfItsAddress() throws Exception {
    Queue<String> q = Multiprocessing.queue();
    q.put("dropped with the queue");
    q.close();
    q.home.retired().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Throwable e = Multiprocessing.vertx().eventBus().request(q.client.homeAddress, "anyone?")
        .toCompletionStage().toCompletableFuture().handle((ok, t) -> t).get(30, TimeUnit.SECONDS);
    assertTrue(e != null && e.getMessage().contains("No handlers"), String.valueOf(e));
  }

  @Test
  void unserializableItem_raisesAtProducer_andQueueKeepsWorking() {
    Queue<Object> q = Multiprocessing.queue();
    PicklingError e = assertThrows(PicklingError.class, () -> q.put(new Object()));
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    q.put("fine");
    assertEquals("fine", q.get());
  }

  @Test
  void queueSentThroughQueue_worksOnTheOtherSide() throws Exception {
    Queue<Object> carrier = Multiprocessing.queue();
    Peer p = peer().start(() -> {
      @SuppressWarnings("unchecked")
      Queue<Object> inner = (Queue<Object>) carrier.get();
      inner.put("through the inner queue");
    });
    Queue<Object> inner = Multiprocessing.queue();
    carrier.put(inner);
    assertEquals("through the inner queue", inner.get());
    assertEquals(0, p.join());
  }

  @Test
  void simpleQueue_putGetEmpty() throws Exception {
    SimpleQueue<String> q = Multiprocessing.simpleQueue();
    assertTrue(q.empty());
    Peer p = peer().start(() -> {
      q.put("a");
      q.put("b");
    });
    assertEquals("a", q.get());
    assertEquals("b", q.get());
    assertEquals(0, p.join());
    assertTrue(q.empty());
    q.close();
    assertThrows(IllegalStateException.class, q::get);
  }

  @Test
  void blockingGetOnEventLoop_raisesNamingTheAsyncTwin_asyncWorks() throws Exception {
    Queue<String> q = Multiprocessing.queue();
    Promise<String> outcome = Promise.promise();
    Multiprocessing.vertx().runOnContext(v -> {
      try {
        q.get();
        outcome.fail("get() did not raise on an event loop");
      } catch (IllegalStateException e) {
        q.getAsync().onComplete(outcome);
      }
    });
    Peer p = peer().start(() -> q.put("async"));
    assertEquals("async", outcome.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
    assertEquals(0, p.join());
  }

  @Test
  void putAsync_onBoundedQueue_completesWhenRoomAppears() throws Exception {
    Queue<Integer> q = Multiprocessing.queue(1);
    q.put(1);
    Future<Void> f = q.putAsync(2);
    assertFalse(f.isComplete());
    Peer p = peer().start(() -> {
      if (q.get() != 1) {
        throw new AssertionError("first");
      }
    });
    f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertEquals(2, q.get());
    assertEquals(0, p.join());
  }

  /** Puts {@code 0 .. n-1}. */
  static void putRange(Queue<Integer> q, int n) {
    for (int i = 0; i < n; i++) {
      q.put(i);
    }
  }

  /** Takes {@code count} items, with {@code workNanos} of busy work after each; returns the last. */
  static int take(Queue<Integer> q, int count, long workNanos) {
    int x = -1;
    for (int i = 0; i < count; i++) {
      x = q.get();
      work(workNanos);
    }
    return x;
  }

  /** Busy work: a consumer's time per item, without sleeping (which would make it look idle). */
  static void work(long nanos) {
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < nanos) {
      Thread.onSpinWait();
    }
  }
}
