package dev.multiprocessing;

import java.io.Serializable;

/**
 * What a {@link Process} runs: Python's {@code target} callable.
 *
 * <p>It extends {@link Serializable} so that a lambda written against it can travel to the child
 * JVM, together with the values it captures (which must be serializable too: records, collections,
 * arrays, enums, {@code Serializable} classes, or the library's own shared objects).
 */
@FunctionalInterface
public interface Target extends Serializable {

  /**
   * Runs in the child process, on a plain (non Vert.x) thread, so it may block.
   *
   * @throws Exception any exception: it is printed on the child's stderr and gives exit code 1
   */
  void run() throws Exception;
}
