package dev.multiprocessing.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The three line types of mpbench.py ({@code RESULT}, {@code META}, {@code ERROR}), formatted
 * exactly like its {@code emit}, {@code meta} and {@code fail} so that one parser reads both
 * suites. Every line is flushed at once: a workload killed by the runner's timeout keeps the
 * lines it already printed.
 */
final class Results {

  private final PrintStream out;

  Results(PrintStream out) {
    this.out = out;
  }

  /**
   * {@code RESULT name=<id> unit=<unit> value=<median> min=<x> max=<y> samples=<k> [k=v ...]}.
   *
   * @param params alternating names and values, printed in that order with {@link PyFormat#fmt}
   */
  void emit(String name, String unit, List<Double> samples, Object... params) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples for " + name);
    }
    out.println("RESULT name=" + name + " unit=" + unit
        + " value=" + PyFormat.g6(median(samples))
        + " min=" + PyFormat.g6(Collections.min(samples))
        + " max=" + PyFormat.g6(Collections.max(samples))
        + " samples=" + samples.size() + pairs(params));
    out.flush();
  }

  /** {@code META k=v ...}. */
  void meta(Object... kv) {
    out.println("META" + pairs(kv));
    out.flush();
  }

  /** {@code ERROR name=<name> reason=<reason>}; the reason must not contain blanks. */
  void fail(String name, String reason) {
    out.println("ERROR name=" + name + " reason=" + reason);
    out.flush();
  }

  /** Python's {@code statistics.median}: the middle value, or the mean of the two middle ones. */
  static double median(List<Double> samples) {
    List<Double> s = new ArrayList<>(samples);
    Collections.sort(s);
    int n = s.size();
    int k = n / 2;
    return n % 2 == 1 ? s.get(k) : (s.get(k - 1) + s.get(k)) / 2;
  }

  /** Python's {@code round(x, 2)}, for the {@code elapsed_s=} style META values. */
  static double round2(double x) {
    return new java.math.BigDecimal(x).setScale(2, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }

  private static String pairs(Object[] kv) {
    if (kv.length % 2 != 0) {
      throw new IllegalArgumentException("name/value pairs expected");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      sb.append(' ').append(kv[i]).append('=').append(PyFormat.fmt(kv[i + 1]));
    }
    return sb.toString();
  }
}
