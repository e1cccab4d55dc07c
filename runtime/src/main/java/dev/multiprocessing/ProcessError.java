package dev.multiprocessing;

/** Python's {@code multiprocessing.ProcessError}: the base class of this library's own exceptions. */
public class ProcessError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProcessError(String message) {
    super(message);
  }

  public ProcessError(String message, Throwable cause) {
    super(message, cause);
  }
}
