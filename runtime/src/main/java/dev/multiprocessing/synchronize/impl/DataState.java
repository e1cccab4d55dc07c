package dev.multiprocessing.synchronize.impl;

import io.vertx.core.Future;

/** A home that only stores bytes: a {@code RawValue} or {@code RawArray}. */
public final class DataState extends State {

  @Override
  Future<Object> applyOwn(Home h, Op op) {
    return failed(badOp(op));
  }
}
