package dev.multiprocessing.examples;

import dev.multiprocessing.pool.AsyncResult;
import dev.multiprocessing.pool.Pool;
import java.util.List;

/**
 * The article's "pool.map() versus pool.map_async()": {@code map} blocks until every result is
 * back, so the line after it prints last; {@code map_async} returns at once, so the line after it
 * prints before the function's own output, and {@code result.get()} then waits for the results.
 */
public final class MapVsMapAsync {

  private MapVsMapAsync() {}

  static int f(int x) throws InterruptedException {
    Thread.sleep(300);
    System.out.println("function f(" + x + ") gets executed");
    return x * x;
  }

  public static void main(String[] args) {
    try (Pool p = new Pool(2)) {
      System.out.println("p.map():");
      List<Integer> r1 = p.map(MapVsMapAsync::f, List.of(1, 2));
      System.out.println("after p.map(): " + r1);

      System.out.println("p.map_async():");
      AsyncResult<List<Integer>> r2 = p.mapAsync(MapVsMapAsync::f, List.of(3, 4));
      System.out.println("after p.map_async(): ready=" + r2.ready());
      System.out.println("result.get(): " + r2.get());
    }
  }
}
