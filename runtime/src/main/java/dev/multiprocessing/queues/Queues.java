package dev.multiprocessing.queues;

import dev.multiprocessing.impl.Blocking;
import io.vertx.core.Future;

/**
 * Creates queues (also reachable as {@code Multiprocessing.queue()}, {@code simpleQueue()} and
 * {@code joinableQueue()}). The new queue's home is the calling JVM; creation registers one
 * event-bus address and blocks briefly, or completes a future in the async forms.
 */
public final class Queues {

  private Queues() {}

  /** Python's {@code Queue(maxsize)} ({@code maxsize <= 0}: unbounded). */
  public static <E> Queue<E> queue(int maxsize) {
    return Blocking.await(queueAsync(maxsize), "Queues.queue()", "Queues.queueAsync()");
  }

  @SuppressWarnings("unchecked")
  public static <E> Future<Queue<E>> queueAsync(int maxsize) {
    return Queue.create("queue", maxsize).map(q -> (Queue<E>) q);
  }

  /** Python's {@code JoinableQueue(maxsize)} ({@code maxsize <= 0}: unbounded). */
  public static <E> JoinableQueue<E> joinableQueue(int maxsize) {
    return Blocking.await(joinableQueueAsync(maxsize), "Queues.joinableQueue()", "Queues.joinableQueueAsync()");
  }

  @SuppressWarnings("unchecked")
  public static <E> Future<JoinableQueue<E>> joinableQueueAsync(int maxsize) {
    return Queue.create("joinable", maxsize).map(q -> (JoinableQueue<E>) q);
  }

  /** Python's {@code SimpleQueue()}. */
  public static <E> SimpleQueue<E> simpleQueue() {
    return Blocking.await(simpleQueueAsync(), "Queues.simpleQueue()", "Queues.simpleQueueAsync()");
  }

  @SuppressWarnings("unchecked")
  public static <E> Future<SimpleQueue<E>> simpleQueueAsync() {
    return Queue.create("simple", 0).map(q -> (SimpleQueue<E>) q);
  }
}
