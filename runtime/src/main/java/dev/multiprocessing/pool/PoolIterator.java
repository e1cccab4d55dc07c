package dev.multiprocessing.pool;

import io.vertx.core.Future;
import java.util.Iterator;

/**
 * The iterator of {@link Pool#imap} (results in input order) and {@link Pool#imapUnordered}
 * (results in completion order). It is also {@link Iterable}, once, for a for-each loop.
 *
 * <p>{@link #next()} and {@link #hasNext()} block until the next result is known (not on a Vert.x
 * event-loop thread: use {@link #nextAsync()} there). A task's exception is raised by the
 * {@code next()} call that reaches it, and iteration may go on after it, as in Python. Results are
 * kept until they are taken; the input is read ahead of the workers only by a bounded number of
 * chunks, so a long or endless input is never read all at once.
 */
public interface PoolIterator<R> extends Iterator<R>, Iterable<R> {

  /**
   * Python's {@code next(timeout)}: waits at most {@code timeout} seconds.
   *
   * @throws dev.multiprocessing.TimeoutError if no result is ready in time (nothing is consumed)
   * @throws java.util.NoSuchElementException at the end (Python's StopIteration)
   */
  R next(double timeout);

  /**
   * The async twin of {@link #next()}: the next result, a failed future with the task's exception,
   * or with {@link java.util.NoSuchElementException} at the end.
   */
  Future<R> nextAsync();

  @Override
  default Iterator<R> iterator() {
    return this;
  }
}
