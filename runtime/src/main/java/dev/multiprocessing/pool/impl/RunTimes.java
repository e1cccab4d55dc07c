package dev.multiprocessing.pool.impl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long one item of a function took in the workers, remembered across jobs, so that a repeated
 * {@code map(f, ...)} starts pipelining at once instead of sending its first chunk alone and
 * waiting a round trip to learn that it is fast. Keyed by the function's class: a lambda's class
 * stands for its code (captured values may change its cost, as inputs do; the first results of
 * the new job correct the estimate). Bounded (least recently used first out). Guarded by the
 * dispatcher's lock.
 */
final class RunTimes {

  private static final int MAX_FUNCTIONS = 64;

  private final Map<Class<?>, Long> nanosPerItem = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Class<?>, Long> eldest) {
      return size() > MAX_FUNCTIONS;
    }
  };

  /** The expected run time of a chunk of {@code items} items of {@code code}, -1 if unknown. */
  long chunkNanos(Class<?> code, int items) {
    Long perItem = nanosPerItem.get(code);
    return perItem == null ? -1 : perItem * items;
  }

  /** Records that a chunk of {@code items} items of {@code code} ran {@code nanos}. */
  void ran(Class<?> code, int items, long nanos) {
    nanosPerItem.put(code, nanos / Math.max(1, items));
  }
}
