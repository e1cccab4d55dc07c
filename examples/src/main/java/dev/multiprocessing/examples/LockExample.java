package dev.multiprocessing.examples;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.synchronize.Lock;

/**
 * Python's synchronization example: ten processes print, one at a time, holding a shared lock.
 *
 * <pre>{@code
 * from multiprocessing import Process, Lock
 *
 * def f(l, i):
 *     l.acquire()
 *     try:
 *         print('hello world', i)
 *     finally:
 *         l.release()
 *
 * if __name__ == '__main__':
 *     lock = Lock()
 *
 *     for num in range(10):
 *         Process(target=f, args=(lock, num)).start()
 * }</pre>
 *
 * <p>Prints {@code hello world 0} to {@code hello world 9}, one line each, in the order the
 * processes get the lock. The lock lives in this process; each child reaches it through the event
 * bus. As in Python, {@code main} does not join: the library joins the children before the JVM
 * ends.
 */
public final class LockExample {

  private LockExample() {}

  static void f(Lock l, int i) {
    l.acquire();
    try {
      System.out.println("hello world " + i);
    } finally {
      l.release();
    }
  }

  public static void main(String[] args) {
    Lock lock = Multiprocessing.lock();
    for (int num = 0; num < 10; num++) {
      int n = num;
      new Process(() -> f(lock, n)).start();
    }
  }
}
