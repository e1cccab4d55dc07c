package dev.multiprocessing.bench;

import dev.multiprocessing.Target;
import dev.multiprocessing.connection.Connection;
import dev.multiprocessing.sharedctypes.SynchronizedValue;
import dev.multiprocessing.synchronize.Barrier;
import dev.multiprocessing.synchronize.Event;
import dev.multiprocessing.synchronize.Lock;

/**
 * The children of the lock, value and event/barrier groups: mpbench's {@code lock_worker},
 * {@code value_worker}, {@code event_responder} and {@code barrier_worker}. They report through a
 * {@code Pipe} (mpbench uses a {@code SimpleQueue}): {@code [t_start, t_end]} in
 * {@code System.nanoTime()}, which reads the same system-wide clock as Python's
 * {@code time.monotonic_ns()}, or the event responder's wake-up stamps.
 */
final class SyncTargets {

  private SyncTargets() {}

  static Target lockWorker(Lock lock, Barrier barrier, Connection res, int n) {
    return () -> {
      barrier.await();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        lock.acquire();
        lock.release();
      }
      res.send(new long[] {t0, System.nanoTime()});
    };
  }

  static Target valueWorker(SynchronizedValue<Integer> v, Barrier barrier, Connection res, int n) {
    return () -> {
      barrier.await();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        try (var held = v.getLock().enter()) {
          v.setValue(v.getValue() + 1);
        }
      }
      res.send(new long[] {t0, System.nanoTime()});
    };
  }

  static Target eventResponder(Event go, Event ack, Connection res, int n) {
    return () -> {
      long[] stamps = new long[n];
      for (int i = 0; i < n; i++) {
        go.await();
        stamps[i] = System.nanoTime();
        go.clear();
        ack.set();
      }
      res.send(stamps);
    };
  }

  static Target barrierWorker(Barrier b, Connection res, int n) {
    return () -> {
      b.await();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        b.await();
      }
      res.send(new long[] {t0, System.nanoTime()});
    };
  }
}
