package dev.multiprocessing.pool.impl;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * One worker of a pool, as the dispatcher sees it: the chunks it holds (sent and not answered, in
 * the order it runs them), and where it is in its life. Guarded by the dispatcher's lock, except
 * {@link #handle} and {@link #pid}, which the backend sets.
 */
final class Slot {

  final int index;
  final String name;
  final ArrayDeque<Chunk> held = new ArrayDeque<>();
  volatile Object handle;
  volatile Long pid;
  boolean ready;
  /** No more work for it: it was told to stop, or its last batch (maxtasksperchild) was sent. */
  boolean stopSent;
  boolean killed;
  boolean dead;
  int given;

  Slot(int index, String name) {
    this.index = index;
    this.name = name;
  }

  boolean accepts() {
    return ready && !stopSent && !dead;
  }

  /** Removes and returns the held chunk {@code (job, seq)}, or null. */
  Chunk take(long job, int seq) {
    for (Iterator<Chunk> it = held.iterator(); it.hasNext(); ) {
      Chunk c = it.next();
      if (c.job.id == job && c.seq == seq) {
        it.remove();
        return c;
      }
    }
    return null;
  }

  String describe() {
    Long p = pid;
    return name + (p != null ? " (pid " + p + ")" : "");
  }
}
