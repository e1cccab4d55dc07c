package dev.multiprocessing.synchronize.impl;

import io.vertx.core.Promise;

/** A caller parked at a home until it is granted, woken, timed out or its node dies. */
final class Waiter {
  final Op op;
  final Promise<Object> promise = Promise.promise();
  /** Free for the state machine: a barrier arrival index, a condition ticket. */
  long tag;
  long timer = -1;
  boolean done;

  Waiter(Op op) {
    this.op = op;
  }
}
