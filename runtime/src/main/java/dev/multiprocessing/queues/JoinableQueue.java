package dev.multiprocessing.queues;

import dev.multiprocessing.impl.Blocking;
import dev.multiprocessing.queues.impl.QueueClient;
import dev.multiprocessing.queues.impl.QueueHome;
import io.vertx.core.Future;

/**
 * Python's {@code multiprocessing.JoinableQueue}: a {@link Queue} that counts unfinished tasks.
 * Every item put adds one; {@link #taskDone()} removes one; {@link #join()} waits for zero.
 *
 * <p>An item counts from the moment it reaches the queue's home: a {@code join()} sees every item
 * that the calling process put before it, and another process's items within microseconds of
 * their {@code put}. {@code taskDone()} in the process that got the item is checked there and
 * costs no round trip; elsewhere it asks the home.
 *
 * @param <E> the type of the items
 */
public class JoinableQueue<E> extends Queue<E> {

  JoinableQueue(QueueClient client, QueueHome home, String kind) {
    super(client, home, kind);
  }

  /**
   * Marks one item got from this queue as processed.
   *
   * @throws IllegalStateException when called more times than items were put (Python's
   *     {@code ValueError}), or when this queue is closed
   */
  public void taskDone() {
    Blocking.checkMayBlock("JoinableQueue.taskDone()", "taskDoneAsync()");
    Blocking.await(taskDoneAsync(), "JoinableQueue.taskDone()", "taskDoneAsync()");
  }

  public Future<Void> taskDoneAsync() {
    try {
      return client.taskDone();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Waits until every item put has been marked done with {@link #taskDone()}. */
  public void join() {
    Blocking.checkMayBlock("JoinableQueue.join()", "joinAsync()");
    Blocking.await(joinAsync(), "JoinableQueue.join()", "joinAsync()");
  }

  public Future<Void> joinAsync() {
    try {
      return client.join();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The number of items put and not yet marked done, as the home counts them. */
  public long unfinishedTasks() {
    Blocking.checkMayBlock("JoinableQueue.unfinishedTasks()", "qsizeAsync()");
    return Blocking.await(stat(), "JoinableQueue.unfinishedTasks()", "qsizeAsync()")[1];
  }
}
