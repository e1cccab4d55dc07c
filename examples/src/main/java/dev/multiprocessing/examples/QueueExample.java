package dev.multiprocessing.examples;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.queues.Queue;
import java.util.Arrays;

/**
 * Python's {@code Queue} example: a child puts a list on a queue, the parent gets it.
 *
 * <pre>{@code
 * from multiprocessing import Process, Queue
 *
 * def f(q):
 *     q.put([42, None, 'hello'])
 *
 * if __name__ == '__main__':
 *     q = Queue()
 *     p = Process(target=f, args=(q,))
 *     p.start()
 *     print(q.get())    # prints "[42, None, 'hello']"
 *     p.join()
 * }</pre>
 *
 * <p>Prints {@code [42, null, hello]}. The queue's items live in this JVM, which created it; the
 * child's {@code put} sends the item there. The child may end before the parent's {@code get}:
 * its exit waits until its puts have reached the queue, so nothing is lost either way.
 */
public final class QueueExample {

  private QueueExample() {}

  static void f(Queue<Object> q) {
    q.put(Arrays.asList(42, null, "hello"));
  }

  public static void main(String[] args) {
    Queue<Object> q = Multiprocessing.queue();
    Process p = new Process(() -> f(q));
    p.start();
    System.out.println(q.get()); // prints "[42, null, hello]"
    p.join();
  }
}
