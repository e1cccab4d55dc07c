package dev.multiprocessing.synchronize;

import dev.multiprocessing.synchronize.impl.EventState;
import dev.multiprocessing.synchronize.impl.Op;
import dev.multiprocessing.synchronize.impl.Ref;
import dev.multiprocessing.synchronize.impl.SyncHandle;
import io.vertx.core.Future;

/**
 * Python's {@code multiprocessing.Event}: a flag that processes set, clear and wait for.
 * {@code set()} wakes every waiter, each by one event-bus message when it is in another process.
 * {@code set} and {@code clear} return once the flag has changed at its home (the creating
 * process), so a process told afterwards sees the change. A waiter whose process dies is
 * forgotten; if the creating process dies, every use raises {@code ProcessError}.
 */
public final class Event extends Primitive {

  static {
    SyncHandle.register(Event.class, (ref, extra) -> new Event(ref));
  }

  /** A new, clear event. */
  public Event() {
    this(home(new EventState()));
  }

  private Event(Ref ref) {
    super(ref);
  }

  /** Python's {@code is_set()}. */
  public boolean isSet() {
    return block(() -> isSetAsync(), "isSet()", "isSetAsync()");
  }

  public Future<Boolean> isSetAsync() {
    return cast(ref.call(Op.IS_SET));
  }

  /** Sets the flag and wakes every waiter. */
  public void set() {
    block(() -> setAsync(), "set()", "setAsync()");
  }

  public Future<Void> setAsync() {
    return ref.call(Op.SET).mapEmpty();
  }

  /** Clears the flag. */
  public void clear() {
    block(() -> clearAsync(), "clear()", "clearAsync()");
  }

  public Future<Void> clearAsync() {
    return ref.call(Op.CLEAR).mapEmpty();
  }

  /** Python's {@code wait()}: blocks until the flag is set; returns true. */
  public boolean await() {
    return block(() -> awaitAsync(Double.POSITIVE_INFINITY), "await()", "awaitAsync(timeout)");
  }

  /** Python's {@code wait(timeout)}: the flag when it was set or the time ran out ({@code <= 0}: no wait). */
  public boolean await(double timeout) {
    return block(() -> awaitAsync(timeout), "await(timeout)", "awaitAsync(timeout)");
  }

  public Future<Boolean> awaitAsync(double timeout) {
    return cast(ref.call(Op.WAIT, Thread.currentThread(), timeout(timeout), 0, 0, null));
  }
}
