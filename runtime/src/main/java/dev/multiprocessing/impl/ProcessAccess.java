package dev.multiprocessing.impl;

import dev.multiprocessing.Process;
import io.vertx.core.Future;

/**
 * Lets the implementation reach the few non-public operations of {@link Process} (becoming the
 * current process in a child, building the parent's proxy) without making them public API.
 */
public abstract class ProcessAccess {

  private static volatile ProcessAccess instance;

  public static void install(ProcessAccess access) {
    instance = access;
  }

  public static ProcessAccess get() {
    if (instance == null) {
      try {
        Class.forName(Process.class.getName(), true, Process.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  /** Makes {@code p} the current process of this JVM (in a child), resetting the child counter. */
  public abstract void becomeCurrent(Process p, long pid);

  /** The parent process as seen from a child. */
  public abstract Process parent(String name, long pid, Future<Void> gone);

  /** Runs the process's {@code run()} in the calling thread. */
  public abstract void runProcess(Process p) throws Exception;
}
