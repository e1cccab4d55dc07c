package dev.multiprocessing;

/** Python's {@code multiprocessing.TimeoutError}: a method with a timeout ran out of time. */
public class TimeoutError extends ProcessError {
  private static final long serialVersionUID = 1L;

  public TimeoutError(String message) {
    super(message);
  }
}
