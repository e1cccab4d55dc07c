package dev.multiprocessing.synchronize.impl;

import io.vertx.core.Future;
import java.util.ArrayDeque;

/**
 * Python's {@code Lock}: locked or not, released by anyone; waiters are granted in arrival order.
 * The holder (node and thread of the last acquirer) is kept for {@code OWNED} and for holder death.
 */
public final class LockState extends State {

  private boolean locked;
  private String holderNode;
  private long holderThread;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

  @Override
  Future<Object> applyOwn(Home h, Op op) {
    switch (op.code()) {
      case Op.ACQUIRE:
        if (!locked) {
          take(op);
          return done(Boolean.TRUE);
        }
        return op.mayWait() ? h.park(op, waiters).promise.future() : done(Boolean.FALSE);
      case Op.RELEASE:
        if (!locked) {
          return failed(new IllegalStateException("release of an unlocked Lock (Python's ValueError: semaphore or lock released too many times)"));
        }
        handOver(h);
        return done(null);
      case Op.LOCKED:
        return done(locked);
      case Op.OWNED:
        return done(locked && op.sameThread(holderNode, holderThread) ? 1 : 0);
      default:
        return failed(badOp(op));
    }
  }

  private void take(Op op) {
    locked = true;
    holderNode = op.node();
    holderThread = op.thread();
  }

  private void handOver(Home h) {
    Waiter w = waiters.poll();
    if (w == null) {
      locked = false;
      holderNode = null;
    } else {
      take(w.op);
      h.complete(w, Boolean.TRUE);
    }
  }

  @Override
  void nodeLeft(Home h, String node) {
    waiters.removeIf(w -> node.equals(w.op.node()));
    if (locked && node.equals(holderNode)) {
      handOver(h);
    }
  }
}
