package dev.multiprocessing.examples;

import dev.multiprocessing.TimeoutError;
import dev.multiprocessing.pool.AsyncResult;
import dev.multiprocessing.pool.Pool;
import dev.multiprocessing.pool.PoolIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Python's "Using a pool of workers" example, then the second example of the Pool reference (imap
 * and {@code it.next(timeout)}), line by line: {@code map}, {@code imap_unordered},
 * {@code apply_async(f, (20,))}, {@code apply_async(os.getpid, ())}, four of those at once, and a
 * sleeping task whose {@code get(timeout=1)} raises {@code TimeoutError}.
 */
public final class PoolTour {

  private PoolTour() {}

  static int f(int x) {
    return x * x;
  }

  static long getpid() {
    return ProcessHandle.current().pid();
  }

  static Void sleep(double seconds) throws InterruptedException {
    Thread.sleep((long) (seconds * 1000));
    return null;
  }

  static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  public static void main(String[] args) {
    // start 4 worker processes
    try (Pool pool = new Pool(4)) {
      // print "[0, 1, 4,..., 81]"
      System.out.println(pool.map(PoolTour::f, range(10)));

      // print same numbers in arbitrary order
      for (int i : pool.imapUnordered(PoolTour::f, range(10))) {
        System.out.println(i);
      }

      // evaluate "f(20)" asynchronously
      AsyncResult<Integer> res = pool.applyAsync(() -> f(20));   // runs in *only* one process
      System.out.println(res.get(1));                            // prints "400"

      // evaluate "os.getpid()" asynchronously
      AsyncResult<Long> pid = pool.applyAsync(PoolTour::getpid); // runs in *only* one process
      System.out.println(pid.get(1));                            // prints the PID of that process

      // launching multiple evaluations asynchronously *may* use more processes
      List<AsyncResult<Long>> multipleResults = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        multipleResults.add(pool.applyAsync(PoolTour::getpid));
      }
      System.out.println(multipleResults.stream().map(r -> r.get(1)).collect(Collectors.toList()));

      // make a single worker sleep for 10 secs
      AsyncResult<Void> sleeping = pool.applyAsync(() -> sleep(10));
      try {
        System.out.println(sleeping.get(1));
      } catch (TimeoutError e) {
        System.out.println("We lacked patience and got a multiprocessing.TimeoutError");
      }

      System.out.println("For the moment, the pool remains available for more work");

      // the reference's second example: imap, next(it), it.next(timeout=1)
      AsyncResult<Integer> result = pool.applyAsync(() -> f(10));
      System.out.println(result.get(1));                         // prints "100"
      PoolIterator<Integer> it = pool.imap(PoolTour::f, range(10));
      System.out.println(it.next());                             // prints "0"
      System.out.println(it.next());                             // prints "1"
      System.out.println(it.next(1));                            // prints "4"
      pool.terminate();   // Python's with-block exit: the sleeping worker is ended, not waited for
    }
    // exiting the 'with'-block has stopped the pool
    System.out.println("Now the pool is closed and no longer available");
  }
}
