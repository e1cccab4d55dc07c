package dev.multiprocessing.pool;

import java.io.Serializable;

/**
 * Python's {@code initializer(*initargs)}: runs once in each worker before its first task. The
 * {@code initargs} are the values the lambda captures ({@code () -> init(path, level)}), as a
 * {@link dev.multiprocessing.Target} captures a process's {@code args}.
 */
@FunctionalInterface
public interface Initializer extends Serializable {

  /**
   * Runs in the worker. An exception ends that worker (exit code 1, trace on its stderr); when
   * workers keep failing before their first task, the pool fails its pending tasks instead of
   * restarting them forever (Python would).
   */
  void run() throws Exception;
}
