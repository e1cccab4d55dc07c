package dev.multiprocessing.synchronize;

import dev.multiprocessing.codecs.Handle;
import dev.multiprocessing.codecs.Shareable;
import dev.multiprocessing.impl.Blocking;
import dev.multiprocessing.synchronize.impl.Ref;
import dev.multiprocessing.synchronize.impl.State;
import io.vertx.core.Future;

/**
 * What every primitive of this package is: a reference to its home (the state machine in the JVM
 * that created it), shared with other processes as a small handle (see {@link Shareable}).
 */
abstract class Primitive implements Shareable {

  /** Wait forever, in the {@code timeout} of an op. */
  static final double FOREVER = -1;

  final Ref ref;

  Primitive(Ref ref) {
    this.ref = ref;
  }

  static Ref home(State state) {
    return Ref.create(state);
  }

  /** A Python timeout in seconds as an op's timeout: at most 0 = no wait, infinite = forever. */
  static double timeout(double seconds) {
    if (Double.isNaN(seconds)) {
      throw new IllegalArgumentException("timeout is NaN");
    }
    if (seconds == Double.POSITIVE_INFINITY) {
      return FOREVER;
    }
    return Math.max(0, seconds);
  }

  /** Runs the async twin and waits for it; on an event loop fails first, before doing anything. */
  <T> T block(java.util.function.Supplier<Future<T>> async, String call, String twin) {
    String name = getClass().getSimpleName() + "." + call;
    Blocking.checkMayBlock(name, twin);
    return Blocking.await(async.get(), name, twin);
  }

  @SuppressWarnings("unchecked")
  static <T> Future<T> cast(Future<Object> f) {
    return (Future<T>) (Future<?>) f;
  }

  /** What the receiving side needs besides the reference (null for most). */
  Object extra() {
    return null;
  }

  @Override
  public Handle handle() {
    return ref.handle(getClass().getName(), extra());
  }

  @Override
  public String toString() {
    return "<" + getClass().getSimpleName() + " " + ref.id().substring(0, 8) + ">";
  }
}
