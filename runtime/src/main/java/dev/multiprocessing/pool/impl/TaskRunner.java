package dev.multiprocessing.pool.impl;

import dev.multiprocessing.pool.Fn;
import dev.multiprocessing.pool.RemoteTraceback;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Runs a chunk in a worker (process or thread), and dresses a task's exception as Python does. */
final class TaskRunner {

  private TaskRunner() {}

  /** Applies {@code fn} to each item in order; the first exception ends the chunk. */
  static List<Object> run(Fn<Object, Object> fn, List<Object> items) throws Exception {
    List<Object> out = new ArrayList<>(items.size());
    for (Object item : items) {
      out.add(fn.apply(item));
    }
    return out;
  }

  /**
   * Python's {@code ExceptionWithTraceback}: attaches the worker's formatted stack trace as a
   * {@link RemoteTraceback} at the end of the cause chain (or as a suppressed exception when that
   * cause cannot be set), and returns the same exception.
   */
  static Throwable withRemoteTrace(Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    RemoteTraceback remote = new RemoteTraceback(sw.toString());
    Throwable root = t;
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    while (root.getCause() != null && seen.put(root, true) == null) {
      root = root.getCause();
    }
    try {
      root.initCause(remote);
    } catch (IllegalStateException | IllegalArgumentException e) {
      t.addSuppressed(remote);
    }
    return t;
  }
}
