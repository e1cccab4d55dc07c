package dev.multiprocessing.synchronize.impl;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sleepers of a {@code Condition}. A sleeper registers while it holds the condition's lock
 * ({@code REGISTER} returns a ticket), releases the lock, then waits on its ticket ({@code WAIT});
 * a {@code SIGNAL} between the two is not lost, because it removes the ticket, and a wait on a
 * removed ticket returns at once. Signals go to the oldest sleepers first.
 */
public final class ConditionState extends State {

  private long nextTicket;
  /** Registered sleepers in order: ticket to its parked waiter (null until it waits). */
  private final LinkedHashMap<Long, Waiter> sleepers = new LinkedHashMap<>();
  private final Map<Long, String> nodes = new LinkedHashMap<>();

  @Override
  Future<Object> applyOwn(Home h, Op op) {
    switch (op.code()) {
      case Op.REGISTER:
        long t = ++nextTicket;
        sleepers.put(t, null);
        nodes.put(t, op.node());
        return done(t);
      case Op.WAIT:
        if (!sleepers.containsKey(op.a())) {
          return done(Boolean.TRUE);
        }
        if (!op.mayWait()) {
          forget(op.a());
          return done(Boolean.FALSE);
        }
        List<Waiter> one = new ArrayList<>(1);
        Waiter w = h.park(op, one);
        w.tag = op.a();
        sleepers.put(op.a(), w);
        return w.promise.future();
      case Op.SIGNAL:
        Iterator<Map.Entry<Long, Waiter>> it = sleepers.entrySet().iterator();
        for (long n = op.a(); n > 0 && it.hasNext(); n--) {
          Map.Entry<Long, Waiter> e = it.next();
          it.remove();
          nodes.remove(e.getKey());
          if (e.getValue() != null) {
            h.complete(e.getValue(), Boolean.TRUE);
          }
        }
        return done(null);
      default:
        return failed(badOp(op));
    }
  }

  private void forget(long ticket) {
    sleepers.remove(ticket);
    nodes.remove(ticket);
  }

  @Override
  void timedOut(Home h, Waiter w, java.util.Collection<Waiter> queue) {
    forget(w.tag);
    h.complete(w, Boolean.FALSE);
  }

  @Override
  void nodeLeft(Home h, String node) {
    nodes.entrySet().removeIf(e -> {
      if (node.equals(e.getValue())) {
        sleepers.remove(e.getKey());
        return true;
      }
      return false;
    });
  }
}
