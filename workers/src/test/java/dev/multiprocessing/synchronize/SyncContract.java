package dev.multiprocessing.synchronize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.connection.Peer;
import dev.multiprocessing.sharedctypes.RawValue;
import dev.multiprocessing.sharedctypes.SharedCtypes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour of Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event and Barrier, written
 * once and run with the other party in a thread of this JVM and in a child JVM. The peer reports
 * a failed check through its exit code (1); the test JVM is always the primitives' home.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class SyncContract {

  abstract Peer peer();

  /** A check made in the peer: failing it makes the peer's exit code 1. */
  static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }

  @Test
  void lock_excludesAcrossParties_noLostIncrements() throws Exception {
    Lock lock = Multiprocessing.lock();
    RawValue<Integer> counter = SharedCtypes.rawValue("i", 0);
    int n = 300;
    Peer p = peer().start(() -> {
      for (int i = 0; i < n; i++) {
        try (var held = lock.enter()) {
          counter.setValue(counter.getValue() + 1);
        }
      }
    });
    for (int i = 0; i < n; i++) {
      try (var held = lock.enter()) {
        counter.setValue(counter.getValue() + 1);
      }
    }
    assertEquals(0, p.join());
    assertEquals(2 * n, counter.getValue());
  }

  @Test
  void lock_releasedByAnotherParty() throws Exception {
    Lock lock = Multiprocessing.lock();
    assertTrue(lock.acquire());
    Peer p = peer().start(() -> {
      check(lock.locked(), "locked() seen by the peer");
      lock.release();
    });
    assertEquals(0, p.join());
    assertFalse(lock.locked());
    assertTrue(lock.acquire(false));
  }

  @Test
  void lock_releaseWhenUnlocked_raisesIllegalState_inEveryParty() throws Exception {
    Lock lock = Multiprocessing.lock();
    assertThrows(IllegalStateException.class, lock::release);
    Peer p = peer().start(() -> {
      try {
        lock.release();
        check(false, "release of an unlocked lock did not raise");
      } catch (IllegalStateException expected) {
        // Python's ValueError
      }
    });
    assertEquals(0, p.join());
  }

  @Test
  void lock_acquireTimeout_returnsFalseWithinBound() throws Exception {
    Lock lock = Multiprocessing.lock();
    lock.acquire();
    Peer p = peer().start(() -> {
      long t0 = System.nanoTime();
      check(!lock.acquire(true, 0.3), "acquire with timeout on a held lock");
      double s = (System.nanoTime() - t0) / 1e9;
      check(s >= 0.25 && s < 10, "waited " + s + " s for a 0.3 s timeout");
      check(!lock.acquire(false), "non-blocking acquire");
      t0 = System.nanoTime();
      check(!lock.acquire(true, 0), "timeout 0");
      check(!lock.acquire(true, -1), "negative timeout");
      check((System.nanoTime() - t0) / 1e9 < 5, "timeout <= 0 waited");
    });
    assertEquals(0, p.join());
    lock.release();
  }

  @Test
  void lock_waiterWakesWhenReleased() throws Exception {
    Lock lock = Multiprocessing.lock();
    Event waiting = Multiprocessing.event();
    Event got = Multiprocessing.event();
    lock.acquire();
    Peer p = peer().start(() -> {
      waiting.set();
      lock.acquire();
      got.set();
      lock.release();
    });
    assertTrue(waiting.await(60));
    assertFalse(got.await(0.2), "the peer got a held lock");
    lock.release();
    assertTrue(got.await(60));
    assertEquals(0, p.join());
  }

  @Test
  void rlock_recursiveInOwner_releaseByOtherRaisesIllegalMonitorState() throws Exception {
    RLock r = Multiprocessing.rlock();
    Event held = Multiprocessing.event();
    Event go = Multiprocessing.event();
    Event once = Multiprocessing.event();
    Event go2 = Multiprocessing.event();
    Peer p = peer().start(() -> {
      check(r.acquire() && r.acquire() && r.acquire(false), "re-entry");
      held.set();
      go.await();
      r.release();
      r.release();
      once.set();
      go2.await();
      r.release();
      try {
        r.release();
        check(false, "over-release did not raise");
      } catch (IllegalMonitorStateException expected) {
        // released more times than acquired
      }
    });
    assertTrue(held.await(60));
    assertFalse(r.acquire(false));
    assertTrue(r.locked());
    assertThrows(IllegalMonitorStateException.class, r::release);
    go.set();
    assertTrue(once.await(60));
    assertFalse(r.acquire(false), "still held once by the peer");
    go2.set();
    assertTrue(r.acquire(true, 60));
    r.release();
    assertEquals(0, p.join());
  }

  @Test
  void semaphore_countsPermits_boundedOverReleaseRaises() throws Exception {
    Semaphore s = Multiprocessing.semaphore(2);
    BoundedSemaphore b = Multiprocessing.boundedSemaphore(1);
    Event taken = Multiprocessing.event();
    Event go = Multiprocessing.event();
    Peer p = peer().start(() -> {
      check(s.acquire() && s.acquire(), "two permits");
      check(!s.acquire(true, 0.05), "third permit");
      try {
        b.release();
        check(false, "bounded over-release did not raise");
      } catch (IllegalStateException expected) {
        // Python's ValueError
      }
      taken.set();
      go.await();
      s.release();
    });
    assertTrue(taken.await(60));
    assertEquals(0, s.getValue());
    assertFalse(s.acquire(false));
    go.set();
    assertTrue(s.acquire(true, 60));
    assertEquals(0, p.join());
    assertEquals(1, b.getValue());
    assertTrue(b.acquire());
    b.release();
    assertThrows(IllegalStateException.class, b::release);
  }

  @Test
  void condition_awaitFor_wakesOnSignal_andTimesOut() throws Exception {
    Condition c = Multiprocessing.condition();
    RawValue<Integer> ready = SharedCtypes.rawValue("i", 0);
    Peer p = peer().start(() -> {
      try (var held = c.enter()) {
        check(c.awaitFor(() -> ready.getValue() == 1, 60), "predicate became true");
        ready.setValue(2);
        c.signalAll();
      }
    });
    try (var held = c.enter()) {
      ready.setValue(1);
      c.signal();
      assertTrue(c.awaitFor(() -> ready.getValue() == 2, 60));
      long t0 = System.nanoTime();
      assertFalse(c.await(0.2));
      double s = (System.nanoTime() - t0) / 1e9;
      assertTrue(s >= 0.15 && s < 10, "waited " + s);
    }
    assertEquals(0, p.join());
  }

  @Test
  void condition_withoutTheLock_raisesIllegalMonitorState() throws Exception {
    Lock lock = Multiprocessing.lock();
    Condition c = Multiprocessing.condition(lock);
    assertThrows(IllegalMonitorStateException.class, c::signal);
    assertThrows(IllegalMonitorStateException.class, () -> c.await(0.1));
    Peer p = peer().start(() -> {
      try {
        c.signalAll();
        check(false, "signal without the lock");
      } catch (IllegalMonitorStateException expected) {
        // Python's RuntimeError
      }
      c.acquire();
      c.signal();
      check(!c.await(0.05), "nobody signals");
      c.release();
    });
    assertEquals(0, p.join());
  }

  @Test
  void event_setWakesWaiter_clearAndTimeout() throws Exception {
    Event go = Multiprocessing.event();
    Event ack = Multiprocessing.event();
    Peer p = peer().start(() -> {
      for (int i = 0; i < 20; i++) {
        check(go.await(60), "go");
        go.clear();
        ack.set();
      }
      check(!go.await(0.1), "go stays clear");
    });
    for (int i = 0; i < 20; i++) {
      go.set();
      assertTrue(ack.await(60));
      ack.clear();
    }
    assertEquals(0, p.join());
    assertFalse(go.isSet());
    long t0 = System.nanoTime();
    assertFalse(go.await(0.2));
    assertTrue((System.nanoTime() - t0) / 1e9 >= 0.15);
    go.set();
    assertTrue(go.isSet() && go.await(0));
  }

  /**
   * Python: once {@code set()} or {@code clear()} has returned, every process sees the new flag. A
   * process that waits keeps a copy of the flag; the message that tells it of a change (here a
   * pipe, which is faster than the event bus on one host) must never find the copy behind.
   */
  @Test
  void event_changeSeenByProcessToldAfterwards() throws Exception {
    Event e = Multiprocessing.event();
    dev.multiprocessing.connection.Pipe told = Multiprocessing.pipe(false);
    dev.multiprocessing.connection.Connection in = told.conn1();
    dev.multiprocessing.connection.Pipe ready = Multiprocessing.pipe(false);
    dev.multiprocessing.connection.Connection readyOut = ready.conn2();
    Peer p = peer().start(() -> {
      check(!e.await(0), "starts clear"); // another process now keeps a copy of the flag
      readyOut.send(true);
      for (int i = 0; i < 40; i++) {
        boolean expected = (Boolean) in.recv();
        check(e.isSet() == expected, "isSet after change " + i);
        check(e.await(0) == expected, "await(0) after change " + i);
        readyOut.send(true); // checked: the next change may come
      }
    });
    assertEquals(Boolean.TRUE, ready.conn1().recv());
    for (int i = 0; i < 40; i++) {
      if (i % 2 == 0) {
        e.set();
      } else {
        e.clear();
      }
      told.conn2().send(i % 2 == 0);
      assertEquals(Boolean.TRUE, ready.conn1().recv());
    }
    assertEquals(0, p.join());
  }

  @Test
  void barrier_passes_indicesDistinct_actionOncePerPass() throws Exception {
    RawValue<Integer> actions = SharedCtypes.rawValue("i", 0);
    Barrier b = new Barrier(2, () -> actions.setValue(actions.getValue() + 1), Double.POSITIVE_INFINITY);
    int passes = 20;
    RawValue<Integer> peerZeros = SharedCtypes.rawValue("i", 0);
    Peer p = peer().start(() -> {
      for (int i = 0; i < passes; i++) {
        int k = b.await();
        check(k == 0 || k == 1, "index " + k);
        if (k == 0) {
          peerZeros.setValue(peerZeros.getValue() + 1);
        }
      }
    });
    List<Integer> mine = new ArrayList<>();
    for (int i = 0; i < passes; i++) {
      mine.add(b.await(60));
    }
    assertEquals(0, p.join());
    assertEquals(passes, actions.getValue());
    long zeros = mine.stream().filter(k -> k == 0).count();
    assertEquals(passes, zeros + peerZeros.getValue(), "exactly one 0 per pass: " + mine);
    assertEquals(2, b.parties());
    assertEquals(0, b.nWaiting());
    assertFalse(b.broken());
  }

  @Test
  void barrier_timeoutBreaksForAll_resetMakesItReusable() throws Exception {
    Barrier b = Multiprocessing.barrier(3);
    Event broke = Multiprocessing.event();
    Peer p = peer().start(() -> {
      try {
        b.await(60);
        check(false, "the barrier should have broken");
      } catch (BrokenBarrierError expected) {
        broke.set();
      }
    });
    // Whether the peer arrives before or after the break, it gets BrokenBarrierError.
    assertThrows(BrokenBarrierError.class, () -> b.await(0.2));
    assertTrue(broke.await(60));
    assertTrue(b.broken());
    assertThrows(BrokenBarrierError.class, () -> b.await(1));
    assertEquals(0, p.join());
    b.reset();
    assertFalse(b.broken());
    Barrier two = Multiprocessing.barrier(2);
    Peer q = peer().start(() -> two.await(60));
    two.await(60);
    assertEquals(0, q.join());
  }

  @Test
  void barrier_abortAndReset_wakeWaitersWithBrokenBarrier() throws Exception {
    Barrier b = Multiprocessing.barrier(2);
    Peer p = peer().start(() -> {
      try {
        b.await();
        check(false, "abort should break the wait");
      } catch (BrokenBarrierError expected) {
        // woken by abort
      }
    });
    b.abort();   // before or after the peer arrives: it gets BrokenBarrierError either way
    assertEquals(0, p.join());
    assertThrows(BrokenBarrierError.class, () -> b.await(1));
    b.reset();
    Event arrived = Multiprocessing.event();
    Peer q = peer().start(() -> {
      io.vertx.core.Future<Integer> waiting = b.awaitAsync();
      // Sent after the arrival, from the same thread to the same home: answered after it.
      check(b.nWaiting() == 1, "arrived before the count was taken");
      arrived.set();
      try {
        waiting.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        check(false, "reset should break the wait");
      } catch (java.util.concurrent.ExecutionException e) {
        check(e.getCause() instanceof BrokenBarrierError, "woken by reset: " + e.getCause());
      }
    });
    assertTrue(arrived.await(60));
    b.reset();
    assertEquals(0, q.join());
    assertFalse(b.broken());
  }
}
