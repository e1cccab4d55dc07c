package dev.multiprocessing.queues.impl;

import java.util.List;

/**
 * The messages between a queue's home (the JVM that created it) and its clients (every JVM that
 * uses it, the home's own included). Each travels through the Kryo codec; items are already
 * serialized ({@code byte[]}) and are never deserialized at the home.
 *
 * <p>Consumer accounting is by running totals, which makes every message idempotent in meaning
 * and free of races: a client says how many items it has {@code consumed} in all (an
 * acknowledgement) and up to which running total of delivered items it wants deliveries
 * ({@code limit}). {@code gen} numbers the client's buffer: a {@link Release} hands every
 * delivered but unconsumed item back and starts a new generation, so that deliveries still in
 * flight from the old one are ignored (the home has re-queued them).
 */
final class QueueProtocol {

  private QueueProtocol() {}

  // ---------------------------------------------------------------- client -> home

  /** First message of a client: where it listens and which JVM it lives in. */
  record Attach(String client, String node, String inbox) {}

  /** Items from one producer, in the order it put them. {@code slots}: how many used granted slots. */
  record Put(String client, List<byte[]> items, int slots) {}

  /**
   * Deliver until this client's delivered total reaches {@code limit}. Deliveries below
   * {@code getters} go to callers already waiting in {@code get} (taken as they arrive); the rest
   * are prefetched. {@code probe} (when not 0) asks for a {@link ProbeDone} after whatever this
   * message makes deliverable has been sent.
   */
  record Demand(String client, int gen, long consumed, long limit, long getters, long probe, int tasksDone) {}

  /** Acknowledges consumption and reports {@code task_done()} calls checked locally. */
  record Ack(String client, long consumed, int tasksDone) {}

  /** Hands back every delivered item beyond {@code consumed}; the client's generation becomes gen + 1. */
  record Release(String client, int gen, long consumed, int tasksDone) {}

  /** A bounded queue: reserve one slot ({@code nowait}: answer {@link SlotDenied} rather than queue). */
  record SlotRequest(String client, long req, boolean nowait) {}

  /** Gives back granted slots that will not be used (a put that timed out after its grant). */
  record SlotReturn(String client, int slots) {}

  /** Request-reply: {@code long[] {qsize, unfinishedTasks}}. */
  record Stat() {}

  /** Request-reply: answered when every item put has been marked done. */
  record Join() {}

  /** Request-reply: one {@code task_done()} that the client could not check locally. */
  record TaskDone(String client) {}

  /** Request-reply: the client closes; the home forgets it after the flush it carries. */
  record Detach(String client, long consumed, int tasksDone) {}

  // ---------------------------------------------------------------- home -> client

  /**
   * {@code backlog}: items still waiting at the home after these (sizes a fast consumer's window).
   * {@code prefetch}: sent beyond the client's waiting callers, which the home does only while no
   * caller anywhere waits in vain (a consumer checking whether to hand back can stop).
   */
  record Items(int gen, List<byte[]> items, int consumers, int backlog, boolean prefetch) {}

  /** {@code count} items of this client's puts have reached the home (frees its window). */
  record PutAck(int count, long bytes) {}

  record SlotGrant(long req) {}

  record SlotDenied(long req) {}

  record ProbeDone(long probe) {}

  /** Another consumer waits on an empty queue: hand back unconsumed items of generation {@code gen}. */
  record Recall(int gen) {}
}
