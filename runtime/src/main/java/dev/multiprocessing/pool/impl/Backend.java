package dev.multiprocessing.pool.impl;

import java.util.List;

/**
 * Where a pool's workers run: processes in their own JVMs ({@link ProcessBackend}) or threads of
 * this JVM ({@link ThreadBackend}). A backend reports to the dispatcher with
 * {@link Dispatcher#onReady}, {@link Dispatcher#completed} and {@link Dispatcher#onExit}.
 */
interface Backend {

  /** Called once by the dispatcher that this backend reports to. */
  void attach(Dispatcher d);

  /** The function in the form the workers receive (pickled for processes, null for threads). */
  byte[] pickle(Object fn);

  /** Starts the worker of {@code s}; called under the dispatcher's lock, must not block. */
  void start(Slot s);

  /** A chunk's items in the form {@link #deliver} sends. @throws RuntimeException if they cannot be pickled */
  Object prepare(Chunk c);

  /**
   * Hands a batch of chunks to a ready worker; with {@code last} the worker exits after it. With
   * {@code reportEarly}, more chunks of the batch's job wait in the pool: the worker reports the
   * job's first result at once, so that the pool learns how fast the job is before it sends them.
   */
  void deliver(Slot s, List<Chunk> batch, List<Object> prepared, boolean last, boolean reportEarly);

  /** Tells a worker to exit once it has run what it holds. */
  void stop(Slot s);

  /** Ends a worker at once. */
  void kill(Slot s);

  /** Every worker has exited and the pool is closed or terminated: release what is left. */
  void closed();
}
