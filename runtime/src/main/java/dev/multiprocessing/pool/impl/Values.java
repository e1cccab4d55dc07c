package dev.multiprocessing.pool.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact form of a chunk's items or results on the wire: a list of boxed ints becomes an
 * {@code int[]} (and longs a {@code long[]}, doubles a {@code double[]}), which Kryo writes as
 * packed varints instead of one tagged object per element. Anything else travels as a list.
 */
final class Values {

  private Values() {}

  static Object pack(List<?> values) {
    Class<?> common = commonClass(values);
    int n = values.size();
    if (common == Integer.class) {
      int[] a = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = (Integer) values.get(i);
      }
      return a;
    }
    if (common == Long.class) {
      long[] a = new long[n];
      for (int i = 0; i < n; i++) {
        a[i] = (Long) values.get(i);
      }
      return a;
    }
    if (common == Double.class) {
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = (Double) values.get(i);
      }
      return a;
    }
    return values instanceof ArrayList ? values : new ArrayList<>(values);
  }

  @SuppressWarnings("unchecked")
  static List<Object> unpack(Object packed) {
    if (packed instanceof int[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (int x : a) {
        l.add(x);
      }
      return l;
    }
    if (packed instanceof long[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (long x : a) {
        l.add(x);
      }
      return l;
    }
    if (packed instanceof double[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (double x : a) {
        l.add(x);
      }
      return l;
    }
    return (List<Object>) packed;
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
}
