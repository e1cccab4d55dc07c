package dev.multiprocessing.pool.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sink of a map or starmap: {@code n} results in input order. The first failing chunk fails
 * the whole result at once (Python's map raises the first exception); chunks not yet sent are then
 * dropped. An empty input completes at once.
 */
final class MapSink<R> implements Sink {

  private final ResultPromise<List<R>> result;
  private final Object[] values;
  private int remaining;
  private volatile boolean settled;

  MapSink(ResultPromise<List<R>> result, int n) {
    this.result = result;
    this.values = new Object[n];
    this.remaining = n;
    if (n == 0) {
      settled = true;
      result.succeed(new ArrayList<>());
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void chunkDone(Chunk c, List<Object> v) {
    boolean complete;
    synchronized (this) {
      if (settled) {
        return;
      }
      for (int i = 0; i < v.size(); i++) {
        values[c.start + i] = v.get(i);
      }
      remaining -= v.size();
      complete = remaining == 0;
      settled = complete;
    }
    if (complete) {
      result.succeed((List<R>) new ArrayList<>(Arrays.asList(values)));
    }
  }

  @Override
  public void chunkFailed(Chunk c, Throwable error) {
    terminated(error);
  }

  @Override
  public void terminated(Throwable error) {
    synchronized (this) {
      if (settled) {
        return;
      }
      settled = true;
    }
    result.fail(error);
  }

  @Override
  public boolean settled() {
    return settled;
  }
}
