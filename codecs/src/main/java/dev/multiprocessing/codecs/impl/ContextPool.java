package dev.multiprocessing.codecs.impl;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A bounded, lock-free pool with thread affinity: each thread first tries "its" slot, so a thread
 * that pickles repeatedly gets back the instance it just used, with its tables still in the CPU
 * caches.
 *
 * <p>Used instead of Kryo's own {@code Pool}: its thread-safe variant is a FIFO {@code
 * LinkedBlockingQueue}, which hands out the least recently used instance, cache-cold (with eight
 * pooled instances, a small message measured 15 to 100% slower than with this pool), and takes
 * two locks per call. Thread-safe: a slot is taken and given back by compare-and-set, so an instance is held by
 * one thread at a time. At most {@code slots} idle instances are kept; extra ones are dropped.
 */
final class ContextPool<T> {
  private final AtomicReferenceArray<T> slots;
  private final int mask;
  private final Supplier<T> factory;

  /** @param slots a power of two: the most idle instances kept */
  ContextPool(int slots, Supplier<T> factory) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    this.slots = new AtomicReferenceArray<>(slots);
    this.mask = slots - 1;
    this.factory = factory;
  }

  /** A power of two, at least 8 and twice the cores, so that threads rarely share a home slot. */
  static int defaultSlots() {
    int wanted = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());
    return Integer.highestOneBit(wanted - 1) << 1;
  }

  private int home() {
    long id = Thread.currentThread().getId();
    return (int) (id * 0x9E3779B97F4A7C15L >>> 40) & mask;
  }

  /** An idle instance (preferably the one this thread used last), or a new one. */
  T obtain() {
    int home = home();
    for (int i = 0; i <= mask; i++) {
      int index = (home + i) & mask;
      T t = slots.get(index);
      if (t != null && slots.compareAndSet(index, t, null)) {
        return t;
      }
    }
    return factory.get();
  }

  /** Gives {@code t} back (to this thread's slot if free); drops it if every slot is taken. */
  void free(T t) {
    int home = home();
    for (int i = 0; i <= mask; i++) {
      int index = (home + i) & mask;
      if (slots.get(index) == null && slots.compareAndSet(index, null, t)) {
        return;
      }
    }
  }
}
