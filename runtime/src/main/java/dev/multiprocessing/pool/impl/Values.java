package dev.multiprocessing.pool.impl;

import dev.multiprocessing.codecs.Pickler;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * The wire form of a chunk's items or results. A list whose elements are all {@code Integer}s
 * (or all {@code Long}s, or all {@code Double}s) travels as one tag byte and the raw big-endian
 * values, copied in bulk; anything else is one tag byte and the pickled list.
 *
 * <p>Why not pickle the primitive array: Kryo writes an {@code int[]} as varints, one call per
 * element, and that loop was the largest cost of a pool map in the pool's JVM (with the boxing
 * of results), and ran slowest in the first maps, before the JIT had compiled it. A bulk copy
 * costs the same from the first call on.
 *
 * <p>Decoding returns a read-only list view that boxes each element when it is read: each
 * consumer (the worker's task loop, a sink) reads every element once.
 */
final class Values {

  private static final byte PICKLED = 0;
  private static final byte INTS = 1;
  private static final byte LONGS = 2;
  private static final byte DOUBLES = 3;

  private Values() {}

  /** @throws dev.multiprocessing.codecs.PicklingError if an element cannot be pickled */
  static byte[] encode(List<?> values) {
    Class<?> common = commonClass(values);
    int n = values.size();
    if (common == Integer.class) {
      int[] a = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = (Integer) values.get(i);
      }
      ByteBuffer b = tagged(INTS, 4 * n);
      b.asIntBuffer().put(a);
      return b.array();
    }
    if (common == Long.class) {
      long[] a = new long[n];
      for (int i = 0; i < n; i++) {
        a[i] = (Long) values.get(i);
      }
      ByteBuffer b = tagged(LONGS, 8 * n);
      b.asLongBuffer().put(a);
      return b.array();
    }
    if (common == Double.class) {
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = (Double) values.get(i);
      }
      ByteBuffer b = tagged(DOUBLES, 8 * n);
      b.asDoubleBuffer().put(a);
      return b.array();
    }
    byte[] pickled = Pickler.dumps(values instanceof ArrayList ? values : new ArrayList<>(values));
    return tagged(PICKLED, pickled.length).put(pickled).array();
  }

  @SuppressWarnings("unchecked")
  static List<Object> decode(byte[] bytes) {
    ByteBuffer body = ByteBuffer.wrap(bytes, 1, bytes.length - 1).slice();
    switch (bytes[0]) {
      case INTS: {
        int[] a = new int[body.remaining() / 4];
        body.asIntBuffer().get(a);
        return new Boxed(a.length, i -> a[i]);
      }
      case LONGS: {
        long[] a = new long[body.remaining() / 8];
        body.asLongBuffer().get(a);
        return new Boxed(a.length, i -> a[i]);
      }
      case DOUBLES: {
        double[] a = new double[body.remaining() / 8];
        body.asDoubleBuffer().get(a);
        return new Boxed(a.length, i -> a[i]);
      }
      default:
        return (List<Object>) Pickler.loads(bytes, 1, bytes.length - 1);
    }
  }

  /** A buffer of {@code 1 + length} bytes holding the tag, positioned after it. */
  private static ByteBuffer tagged(byte tag, int length) {
    ByteBuffer b = ByteBuffer.allocate(1 + length).put(tag);
    return b.slice();
  }

  /** The class shared by every element (none null), or null. */
  private static Class<?> commonClass(List<?> values) {
    if (values.isEmpty() || values.get(0) == null) {
      return null;
    }
    Class<?> c = values.get(0).getClass();
    for (Object v : values) {
      if (v == null || v.getClass() != c) {
        return null;
      }
    }
    return c;
  }

  /** A read-only view of a primitive array, boxing on read. */
  private static final class Boxed extends AbstractList<Object> implements RandomAccess {

    private final int size;
    private final IntFunction<Object> element;

    Boxed(int size, IntFunction<Object> element) {
      this.size = size;
      this.element = element;
    }

    @Override
    public Object get(int index) {
      return element.apply(Objects.checkIndex(index, size));
    }

    @Override
    public int size() {
      return size;
    }
  }
}
