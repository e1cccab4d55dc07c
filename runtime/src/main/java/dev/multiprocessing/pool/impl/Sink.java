package dev.multiprocessing.pool.impl;

import java.util.List;

/**
 * Where a job's results go: an apply result, a map result, or an imap iterator. Called from the
 * thread that saw the result (a process pool's result-handler thread, a worker thread of a
 * ThreadPool), never under the dispatcher's lock; implementations synchronize themselves and must
 * not block.
 */
interface Sink {

  /** Chunk {@code c} produced {@code values}, one per item, in item order. */
  void chunkDone(Chunk c, List<Object> values);

  /** Chunk {@code c} raised {@code error} (or its worker died, or it could not be pickled). */
  void chunkFailed(Chunk c, Throwable error);

  /** The input is exhausted after {@code totalItems} items (lazy inputs only). */
  default void inputEnded(int totalItems) {}

  /** True once the job's result is settled and later chunks need not run (a map that failed). */
  default boolean settled() {
    return false;
  }

  /** The pool was terminated before the job completed. */
  void terminated(Throwable error);
}
