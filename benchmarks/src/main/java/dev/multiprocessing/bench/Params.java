package dev.multiprocessing.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parameters of one group: mpbench.py's FULL or QUICK dict for it, in the same order, plus the
 * Java-only extras of results that have no CPython twin (kept apart so that the {@code params=}
 * META line stays identical to Python's).
 */
final class Params {

  private final Map<String, Integer> python;
  private final Map<String, Integer> extra;

  Params(Map<String, Integer> python, Map<String, Integer> extra) {
    this.python = Collections.unmodifiableMap(new LinkedHashMap<>(python));
    this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** An ordered map from alternating names and int values: {@code of("runs", 20, "warmup", 2)}. */
  static Map<String, Integer> of(Object... kv) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Integer) kv[i + 1]);
    }
    return m;
  }

  /** A parameter by name, Python's first, then the Java extras. */
  int get(String name) {
    Integer v = python.containsKey(name) ? python.get(name) : extra.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no parameter " + name + " in " + describe() + " / " + describeExtra());
    }
    return v;
  }

  /** mpbench.py's {@code ",".join(f"{k}:{v}" for k, v in P.items())}. */
  String describe() {
    return join(python);
  }

  /** The Java-only extras in the same form; empty when there are none. */
  String describeExtra() {
    return join(extra);
  }

  private static String join(Map<String, Integer> m) {
    return m.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
  }
}
