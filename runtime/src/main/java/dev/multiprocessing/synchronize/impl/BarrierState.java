package dev.multiprocessing.synchronize.impl;

import dev.multiprocessing.synchronize.BrokenBarrierError;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code Barrier}. Arrivals are numbered from 0; the last one either releases everyone at
 * once or, when the barrier has an action, is answered {@code runAction} and releases the others
 * with {@code PASS} after running it ({@code BREAK} if the action failed). A timeout, an
 * {@code abort}, a {@code reset} with waiters, or the death of a waiting party's node breaks the
 * barrier: every waiter gets {@link BrokenBarrierError}. Arrivals while an action runs belong to
 * the next pass and wait for it.
 */
public final class BarrierState extends State {

  private final int parties;
  private final boolean hasAction;
  private final List<Waiter> waiting = new ArrayList<>();
  private final List<Waiter> early = new ArrayList<>();
  private boolean actionRunning;
  private boolean broken;

  public BarrierState(int parties, boolean hasAction) {
    this.parties = parties;
    this.hasAction = hasAction;
  }

  @Override
  Future<Object> applyOwn(Home h, Op op) {
    switch (op.code()) {
      case Op.ARRIVE:
        if (actionRunning) {
          return h.park(op, early).promise.future();
        }
        return arrive(h, op, null);
      case Op.PASS:
        actionRunning = false;
        if (broken) {
          return failed(new BrokenBarrierError());
        }
        release(h);
        return done(null);
      case Op.BREAK:
        actionRunning = false;
        breakAll(h);
        return done(null);
      case Op.RESET:
        if (!waiting.isEmpty() || actionRunning) {
          breakAll(h);
        }
        broken = false;
        return done(null);
      case Op.ABORT:
        breakAll(h);
        return done(null);
      case Op.N_WAITING:
        return done(waiting.size());
      case Op.BROKEN:
        return done(broken);
      default:
        return failed(badOp(op));
    }
  }

  /** {@code parked}: an early arrival already parked (its promise answers), else a new one. */
  private Future<Object> arrive(Home h, Op op, Waiter parked) {
    if (broken) {
      return reply(h, parked, null, new BrokenBarrierError());
    }
    int index = waiting.size();
    if (index + 1 < parties) {
      Waiter w = parked != null ? parked : h.park(op, new ArrayList<>(0));
      w.tag = index;
      waiting.add(w);
      return w.promise.future();
    }
    if (hasAction) {
      actionRunning = true;
      return reply(h, parked, new Arrival(index, true), null);
    }
    release(h);
    return reply(h, parked, new Arrival(index, false), null);
  }

  private Future<Object> reply(Home h, Waiter parked, Object value, RuntimeException e) {
    if (parked == null) {
      return e == null ? done(value) : failed(e);
    }
    if (e == null) {
      h.complete(parked, value);
    } else {
      h.fail(parked, e);
    }
    return parked.promise.future();
  }

  private void release(Home h) {
    waiting.forEach(w -> h.complete(w, new Arrival((int) w.tag, false)));
    waiting.clear();
    admitEarly(h);
  }

  private void breakAll(Home h) {
    broken = true;
    waiting.forEach(w -> h.fail(w, new BrokenBarrierError()));
    waiting.clear();
    admitEarly(h);
  }

  private void admitEarly(Home h) {
    List<Waiter> next = new ArrayList<>(early);
    early.clear();
    for (Waiter w : next) {
      if (!actionRunning) {
        arrive(h, w.op, w);
      } else {
        early.add(w);
      }
    }
  }

  @Override
  void timedOut(Home h, Waiter w, java.util.Collection<Waiter> queue) {
    boolean wasWaiting = waiting.contains(w);
    early.remove(w);
    h.fail(w, new BrokenBarrierError());
    if (wasWaiting) {
      waiting.remove(w);
      breakAll(h);
    }
  }

  @Override
  void nodeLeft(Home h, String node) {
    early.removeIf(w -> node.equals(w.op.node()));
    if (waiting.removeIf(w -> node.equals(w.op.node()))) {
      breakAll(h);
    }
  }
}
