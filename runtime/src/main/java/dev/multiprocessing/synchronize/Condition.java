package dev.multiprocessing.synchronize;

import dev.multiprocessing.synchronize.impl.ConditionState;
import dev.multiprocessing.synchronize.impl.Op;
import dev.multiprocessing.synchronize.impl.Ref;
import dev.multiprocessing.synchronize.impl.SyncHandle;
import io.vertx.core.Future;
import java.util.function.BooleanSupplier;

/**
 * Python's {@code multiprocessing.Condition}: a condition variable over a {@link Lock} or an
 * {@link RLock} (a new RLock by default). Python's {@code wait}, {@code wait_for}, {@code notify}
 * and {@code notify_all} are {@code await}, {@code awaitFor}, {@code signal} and {@code signalAll}.
 *
 * <p>Every call requires the calling thread to hold the lock (else
 * {@link IllegalMonitorStateException}). {@code await} registers the caller as a sleeper, releases
 * the lock completely (an RLock however deep), waits for a signal or the timeout, then acquires the
 * lock again as deep as before. Signals wake the oldest sleepers first; a signal sent between a
 * sleeper's release and its wait is not lost. A sleeper woken by a message, never by polling. A
 * sleeper whose process dies is forgotten, so signals are not spent on it.
 */
public final class Condition extends Primitive implements AutoCloseable {

  static {
    SyncHandle.register(Condition.class, (ref, extra) -> new Condition(ref, (LockBase) extra));
  }

  private final LockBase lock;

  /** Python's {@code Condition()}: over a new {@link RLock}. */
  public Condition() {
    this(new RLock());
  }

  public Condition(Lock lock) {
    this(home(new ConditionState()), lock);
  }

  public Condition(RLock lock) {
    this(home(new ConditionState()), lock);
  }

  private Condition(Ref ref, LockBase lock) {
    super(ref);
    this.lock = lock;
  }

  @Override
  Object extra() {
    return lock;
  }

  /** The lock this condition uses. */
  public Acquirable getLock() {
    return lock;
  }

  public boolean acquire() {
    return lock.acquire();
  }

  public boolean acquire(boolean block, double timeout) {
    return lock.acquire(block, timeout);
  }

  public void release() {
    lock.release();
  }

  /** Acquires the lock and returns this, for try-with-resources. */
  public Condition enter() {
    lock.acquire();
    return this;
  }

  @Override
  public void close() {
    lock.release();
  }

  /** Python's {@code wait()}: until signalled; returns true. */
  public boolean await() {
    return block(() -> awaitAsync(Double.POSITIVE_INFINITY), "await()", "awaitAsync(timeout)");
  }

  /** Python's {@code wait(timeout)}: false if the time ran out first ({@code <= 0}: no wait). */
  public boolean await(double timeout) {
    return block(() -> awaitAsync(timeout), "await(timeout)", "awaitAsync(timeout)");
  }

  public Future<Boolean> awaitAsync(double timeout) {
    Thread me = Thread.currentThread();
    double t = timeout(timeout);
    return lock.owned(me).compose(depth -> {
      if (depth == 0) {
        return Future.failedFuture(new IllegalMonitorStateException("cannot wait on un-acquired lock"));
      }
      return ref.call(Op.REGISTER, me, 0, 0, 0, null)
          .compose(ticket -> repeat(depth, () -> lock.release(me))
              .compose(x -> ref.call(Op.WAIT, me, t, (Long) ticket, 0, null))
              .compose(woken -> repeat(depth, () -> lock.acquire(me, FOREVER).mapEmpty()).map(x -> (Boolean) woken)));
    });
  }

  /** Python's {@code wait_for(predicate)}: waits until the predicate (checked holding the lock) is true. */
  public boolean awaitFor(BooleanSupplier predicate) {
    return awaitFor(predicate, Double.POSITIVE_INFINITY);
  }

  /** Python's {@code wait_for(predicate, timeout)}: the predicate's last value. */
  public boolean awaitFor(BooleanSupplier predicate, double timeout) {
    long end = timeout == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : System.nanoTime() + (long) (timeout * 1e9);
    boolean result = predicate.getAsBoolean();
    while (!result) {
      double wait = Double.POSITIVE_INFINITY;
      if (end != Long.MAX_VALUE) {
        wait = (end - System.nanoTime()) / 1e9;
        if (wait <= 0) {
          break;
        }
      }
      await(wait);
      result = predicate.getAsBoolean();
    }
    return result;
  }

  /** Python's {@code notify()}: wakes the oldest sleeper, if any. */
  public void signal() {
    signal(1);
  }

  /** Python's {@code notify(n)}: wakes at most {@code n} sleepers. */
  public void signal(int n) {
    block(() -> signalAsync(n), "signal(n)", "signalAsync(n)");
  }

  /** Python's {@code notify_all()}. */
  public void signalAll() {
    signal(Integer.MAX_VALUE);
  }

  public Future<Void> signalAsync(int n) {
    Thread me = Thread.currentThread();
    return lock.owned(me).compose(depth -> depth == 0
        ? Future.failedFuture(new IllegalMonitorStateException("cannot notify on un-acquired lock"))
        : ref.call(Op.SIGNAL, me, 0, n, 0, null).mapEmpty());
  }

  private static Future<Void> repeat(int times, java.util.function.Supplier<Future<?>> step) {
    Future<Void> f = Future.succeededFuture();
    for (int i = 0; i < times; i++) {
      f = f.compose(x -> step.get().mapEmpty());
    }
    return f;
  }
}
