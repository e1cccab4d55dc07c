package dev.multiprocessing.synchronize.impl;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Python's {@code Event}: a flag; {@code set} wakes every waiter. Waiters of this JVM park here;
 * other JVMs subscribe and keep a copy of the flag ({@link EventView}), which every set and clear
 * updates before it completes.
 */
public final class EventState extends State {

  private boolean flag;
  private long version;
  private final List<Waiter> waiters = new ArrayList<>();
  private final Set<String> subscribers = new LinkedHashSet<>();

  @Override
  Future<Object> applyOwn(Home h, Op op) {
    switch (op.code()) {
      case Op.SET:
        flag = true;
        waiters.forEach(w -> h.complete(w, Boolean.TRUE));
        waiters.clear();
        return changed(h, op);
      case Op.CLEAR:
        flag = false;
        return changed(h, op);
      case Op.SUBSCRIBE:
        subscribers.add(op.node());
        return done(new EventFlag("", flag, version));
      case Op.IS_SET:
        return done(flag);
      case Op.WAIT:
        if (flag || !op.mayWait()) {
          return done(flag);
        }
        return h.park(op, waiters).promise.future();
      default:
        return failed(badOp(op));
    }
  }

  /** A new version of the flag: every subscriber but the caller (it gets the reply) is told first. */
  private Future<Object> changed(Home h, Op op) {
    EventFlag now = new EventFlag("", flag, ++version);
    EventFlag push = new EventFlag(h.id, flag, version);
    List<Future<Void>> acks = new ArrayList<>();
    for (String node : subscribers) {
      if (!node.equals(op.node())) {
        acks.add(h.push(node, push));
      }
    }
    return acks.isEmpty() ? done(now) : Future.all(acks).map(x -> now);
  }

  @Override
  void nodeLeft(Home h, String node) {
    waiters.removeIf(w -> node.equals(w.op.node()));
    subscribers.remove(node);
  }
}
