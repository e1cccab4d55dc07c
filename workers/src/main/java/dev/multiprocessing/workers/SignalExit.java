package dev.multiprocessing.workers;

import sun.misc.Signal;

/**
 * Python's death by signal: on SIGTERM, SIGINT or SIGHUP the child halts at once with status
 * 128+N, running no finally block and no shutdown hook (as {@code Process.terminate()} promises),
 * so that the parent reads exit code -N. Without this the JVM would run its shutdown hooks, which
 * would look like a {@code System.exit}.
 */
final class SignalExit {

  private SignalExit() {}

  static void install() {
    handle("TERM", 15);
    handle("INT", 2);
    handle("HUP", 1);
  }

  private static void handle(String name, int number) {
    try {
      Signal.handle(new Signal(name), s -> {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(128 + number);
      });
    } catch (IllegalArgumentException e) {
      // signal not available on this platform
    }
  }
}
