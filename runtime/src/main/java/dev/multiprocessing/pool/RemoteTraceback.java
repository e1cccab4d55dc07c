package dev.multiprocessing.pool;

/**
 * Python's {@code multiprocessing.pool.RemoteTraceback}: the stack trace of an exception as the
 * worker printed it, attached as the cause at the end of the exception's cause chain (or as a
 * suppressed exception when that chain's cause cannot be set), so that the caller's trace shows
 * where in the worker the task failed.
 */
public final class RemoteTraceback extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param trace the worker's formatted stack trace */
  public RemoteTraceback(String trace) {
    super("\n\"\"\"\n" + trace + "\"\"\"", null, false, false);
  }
}
