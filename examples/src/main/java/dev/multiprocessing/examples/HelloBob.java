package dev.multiprocessing.examples;

import dev.multiprocessing.Process;

/**
 * Python's first {@code Process} example, line for line:
 *
 * <pre>{@code
 * from multiprocessing import Process
 *
 * def f(name):
 *     print('hello', name)
 *
 * if __name__ == '__main__':
 *     p = Process(target=f, args=('bob',))
 *     p.start()
 *     p.join()
 * }</pre>
 *
 * <p>Prints {@code hello bob}, from a child JVM. The lambda {@code () -> f("bob")} is the target
 * and its argument in one: it is serialized with the value it captures and run in the child.
 *
 * <p>Java needs no {@code if __name__ == '__main__'} guard: a child JVM starts in the library's
 * own entry point and never runs this {@code main}.
 */
public final class HelloBob {

  private HelloBob() {}

  static void f(String name) {
    System.out.println("hello " + name);
  }

  public static void main(String[] args) {
    Process p = new Process(() -> f("bob"));
    p.start();
    p.join();
  }
}
