package dev.multiprocessing.codecs;

/**
 * Stands in for an exception that could not be rebuilt faithfully on this JVM: its class is
 * missing here, or it has no constructor through which its message and cause can be restored, or
 * one of its fields could not be pickled.
 *
 * <p>It keeps the original class name (also at the start of its message), the original message,
 * the original stack trace, cause and suppressed exceptions, so that nothing of the remote failure
 * is lost except the exact type and its extra fields. A {@code SubstituteException} sent on
 * arrives as an equal {@code SubstituteException}. Thread-safe like any exception that is not
 * mutated.
 */
public class SubstituteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String originalClassName;
  private final String originalMessage;

  /**
   * @param originalClassName the binary name of the class that could not be rebuilt
   * @param originalMessage its {@code getMessage()}, may be null
   */
  public SubstituteException(String originalClassName, String originalMessage) {
    super(originalMessage == null ? originalClassName : originalClassName + ": " + originalMessage);
    this.originalClassName = originalClassName;
    this.originalMessage = originalMessage;
  }

  /** The binary name of the exception class this one stands for. */
  public String originalClassName() {
    return originalClassName;
  }

  /** The message of the exception this one stands for, may be null. */
  public String originalMessage() {
    return originalMessage;
  }
}
