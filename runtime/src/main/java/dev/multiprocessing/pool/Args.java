package dev.multiprocessing.pool;

/**
 * Python's argument tuples for {@link Pool#starmap}: {@code [(1, 2), (3, 4)]} is
 * {@code List.of(Args.of(1, 2), Args.of(3, 4))}, and {@code starmap(f, ...)} calls
 * {@code f(1, 2)}, {@code f(3, 4)}. Tuples of two, three and four values; each is a record, so it
 * travels to the workers as it is.
 */
public final class Args {

  private Args() {}

  /** A pair of arguments. */
  public record Two<A, B>(A a, B b) {}

  /** Three arguments. */
  public record Three<A, B, C>(A a, B b, C c) {}

  /** Four arguments. */
  public record Four<A, B, C, D>(A a, B b, C c, D d) {}

  public static <A, B> Two<A, B> of(A a, B b) {
    return new Two<>(a, b);
  }

  public static <A, B, C> Three<A, B, C> of(A a, B b, C c) {
    return new Three<>(a, b, c);
  }

  public static <A, B, C, D> Four<A, B, C, D> of(A a, B b, C c, D d) {
    return new Four<>(a, b, c, d);
  }
}
