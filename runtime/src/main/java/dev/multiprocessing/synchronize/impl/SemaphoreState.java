package dev.multiprocessing.synchronize.impl;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Python's {@code Semaphore} and, with a bound, {@code BoundedSemaphore}. Permits taken are
 * counted per node (net of releases) so that a dead node's permits can be given back.
 */
public final class SemaphoreState extends State {

  private int value;
  private final int bound;
  private final Map<String, Integer> held = new HashMap<>();
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

  /** {@code bound} below zero: unbounded. */
  public SemaphoreState(int value, int bound) {
    this.value = value;
    this.bound = bound;
  }

  @Override
  Future<Object> applyOwn(Home h, Op op) {
    switch (op.code()) {
      case Op.ACQUIRE:
        if (value > 0) {
          value--;
          held.merge(op.node(), 1, Integer::sum);
          return done(Boolean.TRUE);
        }
        return op.mayWait() ? h.park(op, waiters).promise.future() : done(Boolean.FALSE);
      case Op.RELEASE:
        if (bound >= 0 && value >= bound) {
          return failed(new IllegalStateException("BoundedSemaphore released too many times (Python's ValueError)"));
        }
        forget(op.node());
        giveOne(h);
        return done(null);
      case Op.VALUE:
        return done(value);
      default:
        return failed(badOp(op));
    }
  }

  private void forget(String node) {
    String who = held.getOrDefault(node, 0) > 0 ? node
        : held.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).findFirst().orElse(null);
    if (who != null) {
      held.merge(who, -1, Integer::sum);
    }
  }

  private void giveOne(Home h) {
    Waiter w = waiters.poll();
    if (w == null) {
      value++;
    } else {
      held.merge(w.op.node(), 1, Integer::sum);
      h.complete(w, Boolean.TRUE);
    }
  }

  @Override
  void nodeLeft(Home h, String node) {
    waiters.removeIf(w -> node.equals(w.op.node()));
    Integer n = held.remove(node);
    for (int i = 0; n != null && i < n; i++) {
      giveOne(h);
    }
  }
}
