package dev.multiprocessing.examples;

import dev.multiprocessing.MpContext;
import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.queues.Queue;

/**
 * Python's two start-method examples, which pass a {@code Queue}: first with
 * {@code set_start_method('spawn')}, then with a context from {@code get_context('spawn')}.
 *
 * <pre>{@code
 * import multiprocessing as mp
 *
 * def foo(q):
 *     q.put('hello')
 *
 * if __name__ == '__main__':
 *     mp.set_start_method('spawn')
 *     q = mp.Queue()
 *     p = mp.Process(target=foo, args=(q,))
 *     p.start()
 *     print(q.get())
 *     p.join()
 *
 * # and, with a context object:
 *     ctx = mp.get_context('spawn')
 *     q = ctx.Queue()
 *     p = ctx.Process(target=foo, args=(q,))
 *     ...
 * }</pre>
 *
 * <p>Prints {@code hello} twice. A queue is not tied to a start method: it works with processes
 * of any context, on any host of the cluster.
 */
public final class StartMethodQueues {

  private StartMethodQueues() {}

  static void foo(Queue<String> q) {
    q.put("hello");
  }

  public static void main(String[] args) {
    Multiprocessing.setStartMethod("spawn", true);
    Queue<String> q = Multiprocessing.queue();
    Process p = new Process(() -> foo(q));
    p.start();
    System.out.println(q.get());
    p.join();

    MpContext ctx = Multiprocessing.getContext("spawn");
    Queue<String> q2 = ctx.queue();
    Process p2 = ctx.process(() -> foo(q2));
    p2.start();
    System.out.println(q2.get());
    p2.join();
  }
}
