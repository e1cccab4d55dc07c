package dev.multiprocessing.codecs;

import static dev.multiprocessing.codecs.TestSupport.assertSameThrowable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ThrowableTest {
  /** A user exception with the usual constructors and extra fields. */
  static class TaskFailed extends RuntimeException {
    int attempt;
    final List<String> log = new ArrayList<>();
    transient Object cache = "not sent";

    TaskFailed(String message) {
      super(message);
    }

    TaskFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A subclass of a user exception that adds a field of its own. */
  static class TaskTimedOut extends TaskFailed {
    long millis;

    TaskTimedOut(String message) {
      super(message);
    }
  }

  record Amount(long cents) {}

  /** Only a custom constructor: no (String) one. Rebuilt through Java serialization. */
  static class InsufficientFunds extends Exception {
    final Amount missing;

    InsufficientFunds(Amount missing) {
      super("missing " + missing.cents() + " cents");
      this.missing = missing;
    }
  }

  /** Holds something unpicklable: arrives as a SubstituteException, the message still arrives. */
  static class HoldsThread extends RuntimeException {
    final Thread thread = new Thread(() -> {});

    HoldsThread(String message) {
      super(message);
    }
  }

  /** A class name the tests erase from the pickle to simulate a class missing at the receiver. */
  static class VanishingError extends IllegalStateException {
    VanishingError(String message) {
      super(message);
    }
  }

  /** Computes its message from a field. */
  static class Coded extends RuntimeException {
    int code;

    Coded() {}

    @Override
    public String getMessage() {
      return "code " + code;
    }
  }

  private static <T extends Throwable> T thrown(T t) {
    try {
      throw t;
    } catch (Throwable caught) {
      @SuppressWarnings("unchecked")
      T same = (T) caught;
      return same;
    }
  }

  private static Throwable arithmetic() {
    try {
      int zero = 0;
      return new RuntimeException(String.valueOf(1 / zero));
    } catch (ArithmeticException e) {
      return e;
    }
  }

  private static Throwable npe() {
    try {
      Object o = null;
      return new RuntimeException(o.toString());
    } catch (NullPointerException e) {
      return e;
    }
  }

  @Test
  void jdkExceptions_roundTripWithExactClassMessageAndStackTrace() {
    List<Throwable> all =
        List.of(
            new IllegalStateException("bad state"),
            new IllegalArgumentException(),
            arithmetic(),
            npe(),
            new IOException("disk"),
            new FileNotFoundException("/nope"),
            new UncheckedIOException("wrapped", new IOException("io")),
            new ExecutionException("exec", new TimeoutException("slow")),
            new ExecutionException(new IllegalStateException("cause only")),
            new InvocationTargetException(new ArithmeticException("target")),
            new ConcurrentModificationException("cme"),
            new NoSuchElementException("none"),
            new InterruptedException("stop"),
            new UnsupportedOperationException("nope", new Error("inner")),
            new AssertionError("assertion", null),
            new StackOverflowError(),
            new OutOfMemoryError("oom"),
            new ExceptionInInitializerError("eiie"),
            new Exception("plain", new RuntimeException("cause")));
    for (Throwable t : all) {
      Throwable copy = Pickler.copy(t);
      assertSameThrowable(t, copy);
    }
  }

  @Test
  void causeChainAndSuppressed_survive() {
    IOException root = new IOException("root");
    IllegalStateException middle = new IllegalStateException("middle", root);
    RuntimeException top = new RuntimeException("top", middle);
    top.addSuppressed(new IllegalArgumentException("first suppressed"));
    IllegalArgumentException second = new IllegalArgumentException("second", new Error("deep"));
    second.addSuppressed(new ArithmeticException("nested suppressed"));
    top.addSuppressed(second);
    RuntimeException copy = Pickler.copy(top);
    assertSameThrowable(top, copy);
    assertInstanceOf(IOException.class, copy.getCause().getCause());
    assertEquals("nested suppressed", copy.getSuppressed()[1].getSuppressed()[0].getMessage());
  }

  @Test
  void userException_copiesItsOwnFields() {
    TaskTimedOut t = thrown(new TaskTimedOut("took too long"));
    t.attempt = 3;
    t.millis = 1500;
    t.log.add("started");
    t.initCause(new IOException("socket closed"));
    TaskTimedOut copy = Pickler.copy(t);
    assertSameThrowable(t, copy);
    assertEquals(3, copy.attempt);
    assertEquals(1500, copy.millis);
    assertEquals(List.of("started"), copy.log);
  }

  @Test
  void userException_withOnlyCustomConstructor_roundTripsThroughJavaSerialization() {
    InsufficientFunds e = thrown(new InsufficientFunds(new Amount(250)));
    e.addSuppressed(new IllegalStateException("also"));
    InsufficientFunds copy = Pickler.copy(e);
    assertSameThrowable(e, copy);
    assertEquals(new Amount(250), copy.missing);
  }

  @Test
  void userException_computingItsMessage_roundTrips() {
    Coded coded = new Coded();
    coded.code = 42;
    Coded copy = Pickler.copy(coded);
    assertEquals("code 42", copy.getMessage());
    assertSameThrowable(coded, copy);
  }

  @Test
  void exceptionWithUnpicklableField_becomesSubstitute_withoutFailingTheMessage() {
    HoldsThread e = thrown(new HoldsThread("holding"));
    e.initCause(new IOException("why"));
    record Result(String status, Throwable error) {}
    Result copy = Pickler.copy(new Result("failed", e));
    assertEquals("failed", copy.status());
    SubstituteException s = assertInstanceOf(SubstituteException.class, copy.error());
    assertEquals(HoldsThread.class.getName(), s.originalClassName());
    assertEquals("holding", s.originalMessage());
    assertEquals(HoldsThread.class.getName() + ": holding", s.getMessage());
    assertArrayEquals(e.getStackTrace(), s.getStackTrace());
    assertSameThrowable(e.getCause(), s.getCause());
  }

  @Test
  void exceptionClassMissingAtReceiver_becomesSubstitute() {
    VanishingError e = thrown(new VanishingError("gone"));
    e.addSuppressed(new IOException("kept"));
    byte[] bytes = Pickler.dumps(List.of("before", e));
    byte[] patched = TestSupport.patch(bytes, "VanishingError", "VanishingErrox");
    List<?> copy = (List<?>) Pickler.loads(patched);
    assertEquals("before", copy.get(0));
    SubstituteException s = assertInstanceOf(SubstituteException.class, copy.get(1));
    assertEquals(VanishingError.class.getName().replace("Error", "Errox"), s.originalClassName());
    assertEquals("gone", s.originalMessage());
    assertArrayEquals(e.getStackTrace(), s.getStackTrace());
    assertEquals("kept", s.getSuppressed()[0].getMessage());
  }

  @Test
  void substituteException_roundTripsAsItself() {
    SubstituteException s = new SubstituteException("com.example.Gone", "msg");
    s.initCause(new IOException("io"));
    SubstituteException copy = Pickler.copy(s);
    assertEquals("com.example.Gone", copy.originalClassName());
    assertEquals("msg", copy.originalMessage());
    assertSameThrowable(s, copy);
  }

  /** Neither stack trace nor suppression. */
  static class Quiet extends Exception {
    Quiet(String message) {
      super(message, null, false, false);
    }
  }

  @Test
  void exceptionWithoutStackTraceOrSuppression_roundTrips() {
    Exception quiet = new Quiet("quiet");
    RuntimeException lean = new IllegalStateException("lean");
    lean.setStackTrace(new StackTraceElement[0]);
    Throwable copy = Pickler.copy(lean);
    assertEquals(0, copy.getStackTrace().length);
    Throwable quietCopy = Pickler.copy(quiet);
    assertEquals("quiet", quietCopy.getMessage());
    assertEquals(0, quietCopy.getStackTrace().length);
    assertSame(Quiet.class, quietCopy.getClass());
  }

  @Test
  void anonymousExceptionCapturingUnpicklableOuter_becomesSubstitute() {
    Exception anonymous = new Exception("anonymous") {}; // captures this test (not picklable)
    SubstituteException copy = assertInstanceOf(SubstituteException.class, Pickler.copy(anonymous));
    assertEquals(anonymous.getClass().getName(), copy.originalClassName());
    assertEquals("anonymous", copy.originalMessage());
  }

  @Test
  void sameExceptionTwiceInGraph_staysOneInstance() {
    IllegalStateException e = new IllegalStateException("shared");
    List<Throwable> copy = Pickler.copy(List.of(e, e));
    assertSame(copy.get(0), copy.get(1));
  }

  @Test
  void throwableCause_null_staysNull() {
    assertNull(Pickler.copy(new IllegalStateException("x")).getCause());
    assertTrue(Pickler.copy(new RuntimeException((String) null)).getMessage() == null);
  }
}
