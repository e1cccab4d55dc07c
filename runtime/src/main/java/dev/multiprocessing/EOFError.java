package dev.multiprocessing;

/**
 * Python's {@code EOFError}: nothing left to receive, because the other end of a connection was
 * closed (and everything it sent has been read) or the process that held it died.
 */
public class EOFError extends ProcessError {
  private static final long serialVersionUID = 1L;

  public EOFError(String message) {
    super(message);
  }
}
