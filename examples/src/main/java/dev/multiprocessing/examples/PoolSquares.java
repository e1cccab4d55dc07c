package dev.multiprocessing.examples;

import dev.multiprocessing.pool.Pool;
import java.util.List;

/**
 * Python's first Pool example:
 *
 * <pre>
 * def f(x):
 *     return x*x
 *
 * with Pool(5) as p:
 *     print(p.map(f, [1, 2, 3]))
 * </pre>
 *
 * Prints {@code [1, 4, 9]}.
 */
public final class PoolSquares {

  private PoolSquares() {}

  static int f(int x) {
    return x * x;
  }

  public static void main(String[] args) {
    try (Pool p = new Pool(5)) {
      System.out.println(p.map(PoolSquares::f, List.of(1, 2, 3)));
    }
  }
}
