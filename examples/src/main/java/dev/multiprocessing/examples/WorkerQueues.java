package dev.multiprocessing.examples;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.queues.Queue;
import java.io.Serializable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Python's worker-queues example: tasks are fed to four worker processes through one queue, and
 * their results come back through another; a {@code 'STOP'} sentinel per worker ends them.
 *
 * <pre>{@code
 * def worker(input, output):
 *     for func, args in iter(input.get, 'STOP'):
 *         result = calculate(func, args)
 *         output.put(result)
 *
 * def calculate(func, args):
 *     result = func(*args)
 *     return '%s says that %s%s = %s' % (current_process().name, func.__name__, args, result)
 *
 * def mul(a, b):
 *     time.sleep(0.5*random.random())
 *     return a * b
 *
 * def plus(a, b):
 *     time.sleep(0.5*random.random())
 *     return a + b
 *
 * def test():
 *     NUMBER_OF_PROCESSES = 4
 *     TASKS1 = [(mul, (i, 7)) for i in range(20)]
 *     TASKS2 = [(plus, (i, 8)) for i in range(10)]
 *     task_queue = Queue(); done_queue = Queue()
 *     for task in TASKS1: task_queue.put(task)
 *     for i in range(NUMBER_OF_PROCESSES):
 *         Process(target=worker, args=(task_queue, done_queue)).start()
 *     print('Unordered results:')
 *     for i in range(len(TASKS1)): print('\t', done_queue.get())
 *     for task in TASKS2: task_queue.put(task)
 *     for i in range(len(TASKS2)): print('\t', done_queue.get())
 *     for i in range(NUMBER_OF_PROCESSES): task_queue.put('STOP')
 * }</pre>
 *
 * <p>A task is a {@link Task} record: the function's name, the function (a serializable lambda)
 * and its two arguments; Python's tuple {@code (mul, (i, 7))}. The results are unordered: each
 * worker takes the next task when it is free, so the four share the work.
 */
public final class WorkerQueues {

  private WorkerQueues() {}

  /** A function of two ints that can travel to another process. */
  @FunctionalInterface
  interface BinaryFunction extends Serializable {
    int apply(int a, int b);
  }

  /** {@code (func, args)}: a named function and its arguments. */
  record Task(String name, BinaryFunction func, int a, int b) {}

  static final String STOP = "STOP";

  static void worker(Queue<Object> input, Queue<String> output) {
    for (Object task = input.get(); !STOP.equals(task); task = input.get()) {
      output.put(calculate((Task) task));
    }
  }

  static String calculate(Task t) {
    int result = t.func().apply(t.a(), t.b());
    return Multiprocessing.currentProcess().getName() + " says that " + t.name() + "(" + t.a() + ", " + t.b()
        + ") = " + result;
  }

  static int mul(int a, int b) {
    sleepRandomly();
    return a * b;
  }

  static int plus(int a, int b) {
    sleepRandomly();
    return a + b;
  }

  private static void sleepRandomly() {
    try {
      Thread.sleep((long) (500 * ThreadLocalRandom.current().nextDouble()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static void main(String[] args) {
    int numberOfProcesses = 4;
    Queue<Object> taskQueue = Multiprocessing.queue();
    Queue<String> doneQueue = Multiprocessing.queue();
    for (int i = 0; i < 20; i++) {
      taskQueue.put(new Task("mul", WorkerQueues::mul, i, 7));
    }
    for (int i = 0; i < numberOfProcesses; i++) {
      new Process(() -> worker(taskQueue, doneQueue)).start();
    }
    System.out.println("Unordered results:");
    for (int i = 0; i < 20; i++) {
      System.out.println("\t " + doneQueue.get());
    }
    for (int i = 0; i < 10; i++) {
      taskQueue.put(new Task("plus", WorkerQueues::plus, i, 8));
    }
    for (int i = 0; i < 10; i++) {
      System.out.println("\t " + doneQueue.get());
    }
    for (int i = 0; i < numberOfProcesses; i++) {
      taskQueue.put(STOP);
    }
  }
}
