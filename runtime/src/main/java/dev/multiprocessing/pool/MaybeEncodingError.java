package dev.multiprocessing.pool;

import dev.multiprocessing.ProcessError;

/**
 * Python's {@code multiprocessing.pool.MaybeEncodingError}: a task's result could not be pickled
 * in the worker to travel back. Only that task fails; its cause is the
 * {@link dev.multiprocessing.codecs.PicklingError} naming the class and where it was found.
 */
public class MaybeEncodingError extends ProcessError {

  private static final long serialVersionUID = 1L;

  public MaybeEncodingError(String message, Throwable cause) {
    super(message, cause);
  }
}
