package dev.multiprocessing.workers;

import dev.multiprocessing.Process;
import dev.multiprocessing.Target;
import dev.multiprocessing.codecs.Pickled;
import dev.multiprocessing.impl.Messages;

/**
 * What a warm JVM does before it reports ready: the first serializable-lambda round trip of a JVM
 * bootstraps the lambda and Kryo machinery (tens of milliseconds); paying it here keeps it out of
 * {@code start()}.
 */
final class WarmUp {

  private WarmUp() {}

  static void run() {
    int captured = 1;
    Target t = () -> {
      if (captured != 1) {
        throw new IllegalStateException();
      }
    };
    Object back = Pickled.of(new Messages.ExitReport("warm-up", captured, false)).get();
    // A spec like the one start() sends: builds the serializers of Process and ChildSpec now.
    Process sample = new Process(t);
    Messages.ChildSpec spec = (Messages.ChildSpec) Pickled.of(
        new Messages.ChildSpec("warm-up", sample, "-", "-", "-", 0)).get();
    if (spec.process() == null) {
      throw new IllegalStateException("warm-up failed");
    }
    try {
      ((Target) Pickled.of(t).get()).run();
    } catch (Exception e) {
      throw new IllegalStateException("warm-up failed", e);
    }
    if (back == null) {
      throw new IllegalStateException("warm-up failed");
    }
  }
}
