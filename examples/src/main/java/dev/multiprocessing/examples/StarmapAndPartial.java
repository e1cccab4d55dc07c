package dev.multiprocessing.examples;

import dev.multiprocessing.pool.Args;
import dev.multiprocessing.pool.Pool;
import java.util.List;

/**
 * The article's functions with several arguments: {@code pool.starmap(f, [(1, 2), (3, 4)])}, and
 * {@code pool.map(partial(f, b=10), [1, 2, 3])}, whose Java form is a lambda that captures the
 * constant argument (it travels to the workers with the lambda).
 */
public final class StarmapAndPartial {

  private StarmapAndPartial() {}

  static int f(int a, int b) {
    return a * b;
  }

  public static void main(String[] args) {
    try (Pool pool = new Pool(2)) {
      System.out.println("starmap: " + pool.starmap(StarmapAndPartial::f, List.of(Args.of(1, 2), Args.of(3, 4))));
      int b = 10;
      System.out.println("partial: " + pool.map((Integer a) -> f(a, b), List.of(1, 2, 3)));
    }
  }
}
