package dev.multiprocessing.bench;

import dev.multiprocessing.Target;
import dev.multiprocessing.impl.MpRuntime;

/**
 * The targets that benchmark children run. They are built in static methods so that the lambdas
 * capture only what they name (an address String, a number), never a workload object: a
 * {@link Target} travels to the child serialized, and the child has this class on its class path.
 */
final class ChildTargets {

  private ChildTargets() {}

  /** proc_start.py's {@code noop}. */
  static Target noop() {
    return () -> { };
  }

  /**
   * proc_start.py's {@code first_instruction}: the first statement reads the monotonic clock
   * ({@code System.nanoTime()} is CLOCK_MONOTONIC on Linux, like Python's {@code monotonic_ns}, so
   * the parent may subtract its own readings), then sends it to the parent's consumer at
   * {@code address} over the child's clustered event bus (Pipe does not exist yet).
   */
  static Target firstInstruction(String address) {
    return () -> {
      long t = System.nanoTime();
      MpRuntime.peek().vertx().eventBus().send(address, t);
    };
  }

  /** An idle child: blocks for {@code millis} so that its resident set can be read. */
  static Target idle(long millis) {
    return () -> Thread.sleep(millis);
  }
}
