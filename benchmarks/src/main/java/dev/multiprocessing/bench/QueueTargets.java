package dev.multiprocessing.bench;

import dev.multiprocessing.Target;
import dev.multiprocessing.queues.JoinableQueue;
import dev.multiprocessing.queues.Queue;
import dev.multiprocessing.queues.SimpleQueue;
import java.util.List;

/**
 * mpbench.py's queue children ({@code q_producer}, {@code q_consumer}, {@code jq_consumer}), line
 * for line, with one difference: mpbench's {@code barrier.wait()} (a common start) is a start
 * signal here, one token per child from the {@code go} queue, because this suite's queue group
 * must not depend on the Barrier of another part of the library. Timestamps are
 * {@code System.nanoTime()}, CLOCK_MONOTONIC on Linux, comparable between processes of one host
 * as Python's {@code perf_counter_ns} is.
 */
final class QueueTargets {

  private QueueTargets() {}

  /** {@code q_producer}: n_items ints, then n_sentinels Nones; reports ("P", n, t0, t1). */
  static Target producer(Object q, SimpleQueue<Object> go, SimpleQueue<Object> res, int nItems,
      int nSentinels) {
    return () -> {
      res.put("ready");
      go.get();
      long t0 = System.nanoTime();
      for (int i = 0; i < nItems; i++) {
        put(q, i);
      }
      for (int i = 0; i < nSentinels; i++) {
        put(q, null);
      }
      long t1 = System.nanoTime();
      res.put(List.of("P", nItems, t0, t1));
    };
  }

  /** {@code q_consumer}: gets until n_stop Nones; reports ("C", count, t0, t1). */
  static Target consumer(Object q, SimpleQueue<Object> go, SimpleQueue<Object> res, int nStop) {
    return () -> {
      res.put("ready");
      go.get();
      long t0 = System.nanoTime();
      int cnt = 0;
      int stops = 0;
      while (true) {
        Object x = get(q);
        if (x == null) {
          stops++;
          if (stops == nStop) {
            break;
          }
        } else {
          cnt++;
        }
      }
      long t1 = System.nanoTime();
      res.put(List.of("C", cnt, t0, t1));
    };
  }

  /** {@code q.put(x)} on a {@link Queue} or a {@link SimpleQueue} (Python's duck typing). */
  @SuppressWarnings("unchecked")
  static void put(Object q, Object x) {
    if (q instanceof SimpleQueue<?> s) {
      ((SimpleQueue<Object>) s).put(x);
    } else {
      ((Queue<Object>) q).put(x);
    }
  }

  static Object get(Object q) {
    return q instanceof SimpleQueue<?> s ? s.get() : ((Queue<?>) q).get();
  }

  /** {@code jq_consumer}: get, task_done, until None. */
  static Target joinableConsumer(JoinableQueue<Integer> q) {
    return () -> {
      while (true) {
        Integer x = q.get();
        q.taskDone();
        if (x == null) {
          break;
        }
      }
    };
  }
}
