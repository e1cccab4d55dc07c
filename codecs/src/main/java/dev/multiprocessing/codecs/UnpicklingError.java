package dev.multiprocessing.codecs;

/**
 * Python's {@code pickle.UnpicklingError}: bytes could not be turned back into objects, for
 * example because a class is missing on this JVM (the message then names the class), or the bytes
 * are truncated or corrupt. Unchecked. Immutable, hence thread-safe.
 */
public class UnpicklingError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnpicklingError(String msg) {
    super(msg);
  }

  public UnpicklingError(String msg, Throwable cause) {
    super(msg, cause);
  }
}
