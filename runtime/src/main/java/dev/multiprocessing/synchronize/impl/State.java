package dev.multiprocessing.synchronize.impl;

import io.vertx.core.Future;
import java.util.Arrays;

/**
 * The state machine of one primitive, run by its {@link Home} under the home's monitor. Every
 * method is called with that monitor held; replies to parked waiters go through
 * {@link Home#complete} and {@link Home#fail}, which run them once the monitor is released.
 *
 * <p>Any state may also carry bytes (a shared {@code Value}/{@code Array}): {@code READ} and
 * {@code WRITE} act on them, atomically for the whole range.
 */
public abstract class State {

  byte[] data;

  /** Gives this state {@code bytes} of shared data (a Value or Array stored with it). */
  public State withData(byte[] bytes) {
    this.data = bytes;
    return this;
  }

  Future<Object> apply(Home h, Op op) {
    switch (op.code()) {
      case Op.READ:
        return Future.succeededFuture(Arrays.copyOfRange(data, (int) op.a(), (int) (op.a() + op.b())));
      case Op.WRITE:
        System.arraycopy(op.data(), 0, data, (int) op.a(), op.data().length);
        return Future.succeededFuture();
      default:
        return applyOwn(h, op);
    }
  }

  abstract Future<Object> applyOwn(Home h, Op op);

  /** The cluster member {@code node} has left: drop its waiters, give back what it held. */
  void nodeLeft(Home h, String node) {}

  /** A parked waiter's time is up (default: it gets {@code FALSE}); see {@link Home#park}. */
  void timedOut(Home h, Waiter w, java.util.Collection<Waiter> queue) {
    queue.remove(w);
    h.complete(w, Boolean.FALSE);
  }

  static Future<Object> done(Object value) {
    return Future.succeededFuture(value);
  }

  static Future<Object> failed(RuntimeException e) {
    return Future.failedFuture(e);
  }

  static IllegalArgumentException badOp(Op op) {
    return new IllegalArgumentException("operation " + op.code() + " is not defined here");
  }
}
