package dev.multiprocessing.synchronize;

import dev.multiprocessing.synchronize.impl.EventState;
import dev.multiprocessing.synchronize.impl.EventView;
import dev.multiprocessing.synchronize.impl.Op;
import dev.multiprocessing.synchronize.impl.Ref;
import dev.multiprocessing.synchronize.impl.SyncHandle;
import io.vertx.core.Future;

/**
 * Python's {@code multiprocessing.Event}: a flag that processes set, clear and wait for.
 *
 * <ul>
 *   <li>The flag lives in the creating process (its home). Another process that waits on the
 *       event keeps a copy, which the home updates: there, {@code await} on a set flag and
 *       {@code isSet} cost no message, and {@code set()} wakes its waiters with one event-bus
 *       message per process.</li>
 *   <li>{@code set} and {@code clear} return once the home has the new flag and every process
 *       that keeps a copy has it too, so a process told afterwards sees the change.</li>
 *   <li>A process that dies is forgotten (its copy and its waiters); if the creating process dies,
 *       every use raises {@code ProcessError}.</li>
 * </ul>
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
    return ref.isLocal() ? cast(ref.call(Op.IS_SET)) : EventView.of(ref).isSet();
  }

  /** Sets the flag and wakes every waiter. */
  public void set() {
    block(() -> setAsync(), "set()", "setAsync()");
  }

  public Future<Void> setAsync() {
    return ref.isLocal() ? ref.call(Op.SET).mapEmpty() : EventView.of(ref).change(Op.SET);
  }

  /** Clears the flag. */
  public void clear() {
    block(() -> clearAsync(), "clear()", "clearAsync()");
  }

  public Future<Void> clearAsync() {
    return ref.isLocal() ? ref.call(Op.CLEAR).mapEmpty() : EventView.of(ref).change(Op.CLEAR);
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
    return ref.isLocal() ? cast(ref.call(Op.WAIT, Thread.currentThread(), timeout(timeout), 0, 0, null))
        : EventView.of(ref).await(timeout(timeout));
  }
}
