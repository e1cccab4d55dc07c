package dev.multiprocessing.synchronize.impl;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** Python's {@code Event}: a flag; {@code set} wakes every waiter. */
public final class EventState extends State {

  private boolean flag;
  private final List<Waiter> waiters = new ArrayList<>();

  @Override
  Future<Object> applyOwn(Home h, Op op) {
    switch (op.code()) {
      case Op.SET:
        flag = true;
        waiters.forEach(w -> h.complete(w, Boolean.TRUE));
        waiters.clear();
        return done(null);
      case Op.CLEAR:
        flag = false;
        return done(null);
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

  @Override
  void nodeLeft(Home h, String node) {
    waiters.removeIf(w -> node.equals(w.op.node()));
  }
}
