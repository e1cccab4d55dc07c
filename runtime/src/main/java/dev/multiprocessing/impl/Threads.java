package dev.multiprocessing.impl;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Starts helper threads: virtual threads where the running JVM has them (21+), daemon platform
 * threads otherwise. The library compiles for 17, so virtual threads are reached by reflection.
 */
public final class Threads {

  private static final MethodHandle START_VIRTUAL = findStartVirtual();
  private static final MethodHandle UNSTARTED_VIRTUAL = findUnstartedVirtual();

  private Threads() {}

  private static MethodHandle findStartVirtual() {
    try {
      return MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
          MethodType.methodType(Thread.class, Runnable.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static MethodHandle findUnstartedVirtual() {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      // Through the public interface: the builder's own class is internal to java.base.
      Class<?> api = Class.forName("java.lang.Thread$Builder");
      return MethodHandles.publicLookup().unreflect(api.getMethod("unstarted", Runnable.class)).bindTo(builder);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** A new, unstarted helper thread (for thread factories): virtual where possible. */
  public static Thread newDaemon(String name, Runnable task) {
    if (UNSTARTED_VIRTUAL != null) {
      try {
        Thread t = (Thread) UNSTARTED_VIRTUAL.invoke(task);
        t.setName(name);
        return t;
      } catch (Throwable e) {
        // fall through to a platform thread
      }
    }
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    return t;
  }

  /** True when helper threads are virtual. */
  public static boolean virtual() {
    return START_VIRTUAL != null;
  }

  /** Starts a background helper (never keeps the JVM alive). */
  public static Thread startDaemon(String name, Runnable task) {
    if (START_VIRTUAL != null) {
      try {
        Thread t = (Thread) START_VIRTUAL.invokeExact(task);
        t.setName(name);
        return t;
      } catch (Throwable e) {
        // fall through to a platform thread
      }
    }
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
