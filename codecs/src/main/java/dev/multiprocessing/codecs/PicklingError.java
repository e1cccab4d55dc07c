package dev.multiprocessing.codecs;

/**
 * Python's {@code pickle.PicklingError}: an object could not be serialized.
 *
 * <p>Raised at the sender, before anything is sent. The message names the offending class and
 * its path in the object graph, e.g. {@code cannot pickle 'java.lang.Thread' object (path: root
 * -> com.x.Task.worker)}. Unchecked. Immutable, hence thread-safe.
 */
public class PicklingError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PicklingError(String msg) {
    super(msg);
  }

  public PicklingError(String msg, Throwable cause) {
    super(msg, cause);
  }
}
