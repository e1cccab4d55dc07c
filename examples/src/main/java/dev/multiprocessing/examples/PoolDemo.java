package dev.multiprocessing.examples;

import static dev.multiprocessing.Multiprocessing.currentProcess;

import dev.multiprocessing.TimeoutError;
import dev.multiprocessing.pool.AsyncResult;
import dev.multiprocessing.pool.Fn2;
import dev.multiprocessing.pool.Pool;
import dev.multiprocessing.pool.PoolIterator;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The "Using Pool" demo of Python's documentation: {@code calculate}, {@code mul} and {@code plus}
 * over twenty tasks with apply_async, imap, imap_unordered and map, then error handling
 * ({@code f(5)} raises; Python's ZeroDivisionError is Java's ArithmeticException) and timeouts.
 */
public final class PoolDemo {

  private PoolDemo() {}

  /** Python's {@code (func, args)} task tuple. */
  record Task(String name, Fn2<Integer, Integer, Integer> func, int a, int b) implements Serializable {}

  static String calculate(Task t) throws Exception {
    int result = t.func().apply(t.a(), t.b());
    return currentProcess().getName() + " says that " + t.name() + "(" + t.a() + ", " + t.b() + ") = " + result;
  }

  static int mul(int a, int b) throws InterruptedException {
    Thread.sleep((long) (500 * ThreadLocalRandom.current().nextDouble()));
    return a * b;
  }

  static int plus(int a, int b) throws InterruptedException {
    Thread.sleep((long) (500 * ThreadLocalRandom.current().nextDouble()));
    return a + b;
  }

  static double f(int x) {
    if (x == 5) {
      throw new ArithmeticException("float division by zero");
    }
    return 1.0 / (x - 5.0);
  }

  static List<Integer> range(int n) {
    return PoolTour.range(n);
  }

  public static void main(String[] args) {
    int processes = 4;
    System.out.println("Creating pool with " + processes + " processes\n");
    try (Pool pool = new Pool(processes)) {
      List<Task> tasks = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        tasks.add(new Task("mul", PoolDemo::mul, i, 7));
      }
      for (int i = 0; i < 10; i++) {
        tasks.add(new Task("plus", PoolDemo::plus, i, 8));
      }
      results(pool, tasks);
      errors(pool);
      timeouts(pool, tasks);
    }
  }

  static void results(Pool pool, List<Task> tasks) {
    List<AsyncResult<String>> results = new ArrayList<>();
    for (Task t : tasks) {
      results.add(pool.applyAsync(() -> calculate(t)));
    }
    PoolIterator<String> imapIt = pool.imap(PoolDemo::calculate, tasks);
    PoolIterator<String> imapUnorderedIt = pool.imapUnordered(PoolDemo::calculate, tasks);

    System.out.println("Ordered results using pool.apply_async():");
    results.forEach(r -> System.out.println("\t " + r.get()));
    System.out.println();
    System.out.println("Ordered results using pool.imap():");
    imapIt.forEach(x -> System.out.println("\t " + x));
    System.out.println();
    System.out.println("Unordered results using pool.imap_unordered():");
    imapUnorderedIt.forEach(x -> System.out.println("\t " + x));
    System.out.println();
    System.out.println("Ordered results using pool.map() --- will block till complete:");
    pool.map(PoolDemo::calculate, tasks).forEach(x -> System.out.println("\t " + x));
    System.out.println();
  }

  static void errors(Pool pool) {
    System.out.println("Testing error handling:");
    try {
      System.out.println(pool.apply(() -> f(5)));
      throw new AssertionError("expected ArithmeticException");
    } catch (ArithmeticException e) {
      System.out.println("\tGot ArithmeticException as expected from pool.apply()");
    }
    try {
      System.out.println(pool.map(PoolDemo::f, range(10)));
      throw new AssertionError("expected ArithmeticException");
    } catch (ArithmeticException e) {
      System.out.println("\tGot ArithmeticException as expected from pool.map()");
    }
    try {
      List<Double> all = new ArrayList<>();
      pool.imap(PoolDemo::f, range(10)).forEachRemaining(all::add);
      throw new AssertionError("expected ArithmeticException");
    } catch (ArithmeticException e) {
      System.out.println("\tGot ArithmeticException as expected from list(pool.imap())");
    }
    PoolIterator<Double> it = pool.imap(PoolDemo::f, range(10));
    int i = 0;
    for (; i < 10; i++) {
      try {
        it.next();
        if (i == 5) {
          throw new AssertionError("expected ArithmeticException");
        }
      } catch (ArithmeticException e) {
        if (i != 5) {
          throw e;
        }
      } catch (NoSuchElementException e) {
        break;
      }
    }
    if (i != 10) {
      throw new AssertionError("expected ten items, got " + i);
    }
    System.out.println("\tGot ArithmeticException as expected from IMapIterator.next()");
    System.out.println();
  }

  static void timeouts(Pool pool, List<Task> tasks) {
    System.out.print("Testing ApplyResult.get() with timeout:");
    Task first = tasks.get(0);
    AsyncResult<String> res = pool.applyAsync(() -> calculate(first));
    while (true) {
      try {
        System.out.print("\n\t" + res.get(0.02));
        break;
      } catch (TimeoutError e) {
        System.out.print(".");
      }
    }
    System.out.println();
    System.out.println();
    System.out.print("Testing IMapIterator.next() with timeout:");
    PoolIterator<String> it = pool.imap(PoolDemo::calculate, tasks);
    while (true) {
      try {
        System.out.print("\n\t" + it.next(0.02));
      } catch (NoSuchElementException e) {
        break;
      } catch (TimeoutError e) {
        System.out.print(".");
      }
    }
    System.out.println();
    System.out.println();
  }
}
