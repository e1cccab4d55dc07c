package dev.multiprocessing.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code _fmt} from mpbench.py, so that both suites print byte-identical numbers: floats
 * as {@code f"{x:.6g}"}, everything else as {@code str(x)}.
 *
 * <p>Java's own {@code %.6g} differs (it keeps trailing zeros and switches to scientific notation
 * at other exponents), hence this re-implementation of Python's general format: round the exact
 * binary value to 6 significant digits (half-even, as CPython's correctly rounded dtoa does for
 * exact ties), use scientific notation when the decimal exponent is below -4 or at least 6, and
 * strip trailing zeros and a trailing point.
 */
final class PyFormat {

  private static final int PRECISION = 6;

  private PyFormat() {}

  /** {@code _fmt(x)}: doubles and floats as {@code %.6g}, anything else as its string. */
  static String fmt(Object x) {
    if (x instanceof Double || x instanceof Float) {
      return g6(((Number) x).doubleValue());
    }
    return String.valueOf(x);
  }

  /** Python's {@code f"{x:.6g}"}. */
  static String g6(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == 0.0) {
      return (1.0 / x < 0) ? "-0" : "0";
    }
    BigDecimal rounded = new BigDecimal(x).round(new MathContext(PRECISION, RoundingMode.HALF_EVEN));
    // decimal exponent of the leading digit, after rounding (999999.5 -> 1e+06)
    int exp = rounded.precision() - rounded.scale() - 1;
    if (exp < -4 || exp >= PRECISION) {
      return scientific(rounded, exp);
    }
    return rounded.stripTrailingZeros().toPlainString();
  }

  private static String scientific(BigDecimal rounded, int exp) {
    String digits = rounded.unscaledValue().abs().toString().replaceFirst("0+$", "");
    StringBuilder sb = new StringBuilder();
    if (rounded.signum() < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exp < 0 ? '-' : '+');
    int a = Math.abs(exp);
    if (a < 10) {
      sb.append('0');
    }
    return sb.append(a).toString();
  }
}
