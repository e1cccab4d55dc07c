package dev.multiprocessing.codecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;

/** Helpers shared by the tests. */
final class TestSupport {
  private TestSupport() {}

  /** Replaces the first occurrence of ASCII {@code from} in {@code data} by {@code to} (same length). */
  static byte[] patch(byte[] data, String from, String to) {
    if (from.length() != to.length()) {
      throw new IllegalArgumentException("same length only");
    }
    byte[] f = from.getBytes(StandardCharsets.US_ASCII);
    byte[] t = to.getBytes(StandardCharsets.US_ASCII);
    byte[] out = data.clone();
    outer:
    for (int i = 0; i + f.length <= out.length; i++) {
      for (int j = 0; j < f.length; j++) {
        if (out[i + j] != f[j]) {
          continue outer;
        }
      }
      System.arraycopy(t, 0, out, i, t.length);
      return out;
    }
    throw new AssertionError("'" + from + "' not found in the pickle");
  }

  /** Asserts same class, message, stack trace, and the same for causes and suppressed. */
  static void assertSameThrowable(Throwable expected, Throwable actual) {
    if (expected == null) {
      assertNull(actual);
      return;
    }
    assertSame(expected.getClass(), actual.getClass(), "class");
    assertEquals(expected.getMessage(), actual.getMessage(), "message");
    assertArrayEquals(expected.getStackTrace(), actual.getStackTrace(), "stack trace");
    assertSameThrowable(expected.getCause(), actual.getCause());
    Throwable[] es = expected.getSuppressed();
    Throwable[] as = actual.getSuppressed();
    assertEquals(es.length, as.length, "suppressed count");
    for (int i = 0; i < es.length; i++) {
      assertSameThrowable(es[i], as[i]);
    }
  }
}
