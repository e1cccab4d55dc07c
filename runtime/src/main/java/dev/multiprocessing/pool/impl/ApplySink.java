package dev.multiprocessing.pool.impl;

import java.util.List;

/** The sink of an apply: one chunk of one item, whose value is the result. */
final class ApplySink<R> implements Sink {

  private final ResultPromise<R> result;

  ApplySink(ResultPromise<R> result) {
    this.result = result;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void chunkDone(Chunk c, List<Object> values) {
    result.succeed((R) values.get(0));
  }

  @Override
  public void chunkFailed(Chunk c, Throwable error) {
    result.fail(error);
  }

  @Override
  public void terminated(Throwable error) {
    result.fail(error);
  }
}
