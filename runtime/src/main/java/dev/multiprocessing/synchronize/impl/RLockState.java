package dev.multiprocessing.synchronize.impl;

import io.vertx.core.Future;
import java.util.ArrayDeque;

/**
 * Python's {@code RLock}: owned by one thread of one process, re-entered by it, released only by
 * it. When the lock carries a Value's bytes, an acquire that asks for them ({@code a == 1}) is
 * granted with a copy of the bytes instead of {@code TRUE}, so a remote holder reads them locally.
 */
public final class RLockState extends State {

  private String ownerNode;
  private long ownerThread;
  private int count;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

  @Override
  Future<Object> applyOwn(Home h, Op op) {
    switch (op.code()) {
      case Op.ACQUIRE:
        if (count == 0) {
          take(op);
          return done(grant(op));
        }
        if (op.sameThread(ownerNode, ownerThread)) {
          count++;
          return done(grant(op));
        }
        return op.mayWait() ? h.park(op, waiters).promise.future() : done(Boolean.FALSE);
      case Op.RELEASE:
        if (count == 0 || !op.sameThread(ownerNode, ownerThread)) {
          return failed(new IllegalMonitorStateException("cannot release un-acquired lock: this RLock is not owned by the calling thread"));
        }
        if (--count == 0) {
          handOver(h);
        }
        return done(null);
      case Op.LOCKED:
        return done(count > 0);
      case Op.OWNED:
        return done(count > 0 && op.sameThread(ownerNode, ownerThread) ? count : 0);
      default:
        return failed(badOp(op));
    }
  }

  private Object grant(Op op) {
    return op.a() == 1 && data != null ? data.clone() : Boolean.TRUE;
  }

  private void take(Op op) {
    ownerNode = op.node();
    ownerThread = op.thread();
    count = 1;
  }

  private void handOver(Home h) {
    Waiter w = waiters.poll();
    if (w == null) {
      ownerNode = null;
    } else {
      take(w.op);
      h.complete(w, grant(w.op));
    }
  }

  @Override
  void nodeLeft(Home h, String node) {
    waiters.removeIf(w -> node.equals(w.op.node()));
    if (count > 0 && node.equals(ownerNode)) {
      count = 0;
      handOver(h);
    }
  }
}
