package dev.multiprocessing;

/** Python's {@code multiprocessing.AuthenticationError}: an authentication key did not match. */
public class AuthenticationError extends ProcessError {
  private static final long serialVersionUID = 1L;

  public AuthenticationError(String message) {
    super(message);
  }
}
