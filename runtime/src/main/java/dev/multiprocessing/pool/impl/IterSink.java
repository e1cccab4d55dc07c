package dev.multiprocessing.pool.impl;

import dev.multiprocessing.ProcessError;
import dev.multiprocessing.TimeoutError;
import dev.multiprocessing.impl.Blocking;
import dev.multiprocessing.pool.PoolIterator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The sink and iterator of imap (ordered by input position) and imapUnordered (completion order).
 *
 * <p>Results are entries by input position; a failed chunk is one error entry at its first
 * position that stands for all its items (Python raises once per failed chunk and goes on). Blocking
 * readers wait on this object's monitor; async readers ({@link #nextAsync()}) queue promises, which
 * are served first.
 */
final class IterSink<R> implements Sink, PoolIterator<R> {

  private record Entry(Object value, Throwable error, int span) {}

  private final boolean ordered;
  private final Map<Integer, Entry> byPosition = new HashMap<>();
  private final ArrayDeque<Entry> byCompletion = new ArrayDeque<>();
  private final ArrayDeque<Promise<R>> waiters = new ArrayDeque<>();
  private int nextPosition;
  private int consumed;
  private int total = -1;
  private Throwable terminated;

  IterSink(boolean ordered) {
    this.ordered = ordered;
  }

  @Override
  public void chunkDone(Chunk c, List<Object> values) {
    List<Entry> es = new ArrayList<>(values.size());
    for (Object v : values) {
      es.add(new Entry(v, null, 1));
    }
    add(c.start, es);
  }

  @Override
  public void chunkFailed(Chunk c, Throwable error) {
    add(c.start, List.of(new Entry(null, error, Math.max(1, c.items.size()))));
  }

  @Override
  public void inputEnded(int totalItems) {
    synchronized (this) {
      total = totalItems;
    }
    serve();
  }

  @Override
  public void terminated(Throwable error) {
    synchronized (this) {
      if (terminated == null) {
        terminated = error;
      }
    }
    serve();
  }

  private void add(int start, List<Entry> entries) {
    synchronized (this) {
      int pos = start;
      for (Entry e : entries) {
        if (ordered) {
          byPosition.put(pos, e);
        } else {
          byCompletion.add(e);
        }
        pos += e.span();
      }
    }
    serve();
  }

  /** Hands available entries to async waiters, then wakes blocked readers. */
  private void serve() {
    List<Runnable> completions = new ArrayList<>();
    synchronized (this) {
      while (!waiters.isEmpty()) {
        Entry e = take();
        Promise<R> p;
        if (e != null) {
          p = waiters.poll();
          completions.add(() -> complete(p, e));
        } else if (ended() || terminated != null) {
          p = waiters.poll();
          Throwable why = ended() ? new NoSuchElementException() : terminated;
          completions.add(() -> p.tryFail(why));
        } else {
          break;
        }
      }
      notifyAll();
    }
    completions.forEach(Runnable::run);
  }

  @SuppressWarnings("unchecked")
  private void complete(Promise<R> p, Entry e) {
    if (e.error() != null) {
      p.tryFail(e.error());
    } else {
      p.tryComplete((R) e.value());
    }
  }

  /** The next entry in this iterator's order, consumed; null if it is not there yet. */
  private Entry take() {
    Entry e;
    if (ordered) {
      e = byPosition.remove(nextPosition);
      if (e != null) {
        nextPosition += e.span();
      }
    } else {
      e = byCompletion.poll();
      if (e != null) {
        consumed += e.span();
      }
    }
    return e;
  }

  private boolean available() {
    return ordered ? byPosition.containsKey(nextPosition) : !byCompletion.isEmpty();
  }

  private boolean ended() {
    return total >= 0 && (ordered ? nextPosition : consumed) >= total;
  }

  @Override
  public synchronized Future<R> nextAsync() {
    if (waiters.isEmpty()) {
      Entry e = take();
      if (e != null) {
        Promise<R> p = Promise.promise();
        complete(p, e);
        return p.future();
      }
      if (ended()) {
        return Future.failedFuture(new NoSuchElementException());
      }
      if (terminated != null) {
        return Future.failedFuture(terminated);
      }
    }
    Promise<R> p = Promise.promise();
    waiters.add(p);
    return p.future();
  }

  @Override
  public boolean hasNext() {
    Blocking.checkMayBlock("PoolIterator.hasNext()", "nextAsync()");
    synchronized (this) {
      awaitEntry(Long.MAX_VALUE);
      return available() || !ended();
    }
  }

  @Override
  public R next() {
    return next(Double.POSITIVE_INFINITY);
  }

  @Override
  public R next(double timeout) {
    Blocking.checkMayBlock("PoolIterator.next()", "nextAsync()");
    long nanos = timeout >= 9e18 / 1e9 ? Long.MAX_VALUE : (long) (Math.max(0, timeout) * 1e9);
    Entry e;
    synchronized (this) {
      if (!awaitEntry(nanos)) {
        throw new TimeoutError("PoolIterator.next(timeout) timed out after " + timeout + " s");
      }
      e = take();
      if (e == null) {
        throw terminated != null ? rethrow(terminated) : new NoSuchElementException();
      }
    }
    if (e.error() != null) {
      throw rethrow(e.error());
    }
    @SuppressWarnings("unchecked")
    R value = (R) e.value();
    return value;
  }

  /** Waits (holding the monitor) until an entry is available or the end is known; false on time-out. */
  private boolean awaitEntry(long nanos) {
    long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
    boolean interrupted = false;
    try {
      while (!available() && !ended() && terminated == null) {
        long left = deadline == Long.MAX_VALUE ? 0 : deadline - System.nanoTime();
        if (deadline != Long.MAX_VALUE && left <= 0) {
          return false;
        }
        try {
          if (deadline == Long.MAX_VALUE) {
            wait();
          } else {
            wait(left / 1_000_000, (int) (left % 1_000_000));
          }
        } catch (InterruptedException ie) {
          interrupted = true;
        }
      }
      return true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException re) {
      return re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return new ProcessError(String.valueOf(t.getMessage()), t);
  }
}
