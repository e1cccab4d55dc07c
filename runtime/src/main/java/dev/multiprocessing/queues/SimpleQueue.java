package dev.multiprocessing.queues;

import dev.multiprocessing.codecs.Handle;
import dev.multiprocessing.codecs.Shareable;
import io.vertx.core.Future;

/**
 * Python's {@code multiprocessing.SimpleQueue}: an unbounded queue with only {@code get},
 * {@code put}, {@code empty} and {@code close}. It shares {@link Queue}'s guarantees and costs
 * (ordering, delivery to exactly one consumer, consumer death, closing, where the state lives);
 * {@code put} never blocks.
 *
 * @param <E> the type of the items
 */
public final class SimpleQueue<E> implements Shareable {

  final Queue<E> queue;

  SimpleQueue(Queue<E> queue) {
    this.queue = queue;
  }

  /** Puts {@code obj} (serialized now; sent in the background). */
  public void put(E obj) {
    queue.put(obj);
  }

  public Future<Void> putAsync(E obj) {
    return queue.putAsync(obj);
  }

  /** Removes and returns the next item, waiting for one. */
  public E get() {
    return queue.get();
  }

  public Future<E> getAsync() {
    return queue.getAsync();
  }

  /** Whether the queue holds no item (asks the queue's home; a hint, as in Python). */
  public boolean empty() {
    return queue.empty();
  }

  public Future<Boolean> emptyAsync() {
    return queue.emptyAsync();
  }

  /** Closes this process's side; later calls here raise {@link IllegalStateException}. */
  public void close() {
    queue.close();
  }

  @Override
  public Handle handle() {
    return queue.handle();
  }

  @Override
  public String toString() {
    return "Simple" + queue;
  }
}
