package dev.multiprocessing.impl;

import dev.multiprocessing.Process;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Python's exit behaviour: when the program ends, daemon children are terminated and the others
 * joined, then this JVM leaves the cluster.
 *
 * <p>Vert.x and Hazelcast threads are not daemon threads, so a JVM with a clustered Vert.x would
 * never end after {@code main} returns. A watcher therefore waits for the main thread and then for
 * every other non-daemon thread of the application (not those of Vert.x, Hazelcast or this
 * library), by joining them, never by polling; then it runs the sequence and closes the Vert.x it
 * started, and the JVM ends as a Python program would. A shutdown hook runs the same sequence when
 * the program calls {@code System.exit}.
 */
public final class ExitSequence {

  private static final Set<Process> CHILDREN = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean DONE = new AtomicBoolean();
  /** Python's exit finalizers: flush what this JVM still owes others (queue feeders), bounded. */
  private static final List<java.util.function.Supplier<io.vertx.core.Future<?>>> FINALIZERS =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private static final long FINALIZER_WAIT_MS = 10_000;
  private static final long LEAVE_WAIT_MS = 5_000;
  /** Set when the main thread ended with an uncaught exception: the launcher's exit status 1. */
  private static final AtomicBoolean MAIN_FAILED = new AtomicBoolean();

  private ExitSequence() {}

  /** Tracks a started child of this JVM until it is reaped. */
  public static void track(Process p) {
    CHILDREN.add(p);
  }

  public static void untrack(Process p) {
    CHILDREN.remove(p);
  }

  /** The started children of this JVM not yet reaped (in no particular order). */
  public static List<Process> children() {
    return new ArrayList<>(CHILDREN);
  }

  static void install(MpRuntime rt) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> run(rt), "mp-exit-hook"));
    if (rt.ownsVertx() && !rt.isChild()) {
      Thread main = findMainThread();
      if (main != null) {
        recordUncaught(main);
        Threads.startDaemon("mp-main-watcher", () -> watch(main, rt));
      }
    }
  }

  /** Adds a finalizer that {@link #runFinalizers()} runs at exit, after the children are done. */
  public static void atExit(java.util.function.Supplier<io.vertx.core.Future<?>> finalizer) {
    FINALIZERS.add(finalizer);
  }

  /** Runs every finalizer and waits for all of them, at most 10 s in all. */
  public static void runFinalizers() {
    List<io.vertx.core.Future<?>> waits = new ArrayList<>();
    for (var f : FINALIZERS) {
      try {
        waits.add(f.get());
      } catch (RuntimeException e) {
        // a finalizer that fails must not stop the others
      }
    }
    try {
      io.vertx.core.Future.join(waits).toCompletionStage().toCompletableFuture()
          .get(FINALIZER_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // exiting anyway
    }
  }

  /** Terminates daemon children, joins the others (Python's {@code _exit_function}). */
  public static void finishChildren() {
    terminateDaemons();
    for (Process p : children()) {
      try {
        p.join();
      } catch (RuntimeException e) {
        // a child that failed to start has nothing to join
      }
    }
  }

  /** Sends SIGTERM to every live daemon child (does not wait). */
  static void terminateDaemons() {
    for (Process p : children()) {
      try {
        if (p.isDaemon() && p.isAlive()) {
          p.terminate();
        }
      } catch (RuntimeException e) {
        // closed or never started: nothing to terminate
      }
    }
  }

  /**
   * Runs once: finish the children, then leave the cluster. Returns false when leaving failed or
   * took more than 5 s; true when it left, or when another caller runs the sequence.
   */
  static boolean run(MpRuntime rt) {
    if (!DONE.compareAndSet(false, true)) {
      return true;
    }
    try {
      finishChildren();
      runFinalizers();
    } finally {
      try {
        rt.close().toCompletionStage().toCompletableFuture().get(LEAVE_WAIT_MS, TimeUnit.MILLISECONDS);
        return true;
      } catch (Exception e) {
        // leaving the cluster is best effort at exit
        return false;
      }
    }
  }

  /** Wraps the main thread's uncaught-exception handler to learn the launcher's exit status. */
  private static void recordUncaught(Thread main) {
    Thread.UncaughtExceptionHandler previous = main.getUncaughtExceptionHandler();
    main.setUncaughtExceptionHandler((t, e) -> {
      MAIN_FAILED.set(true);
      previous.uncaughtException(t, e);
    });
  }

  private static Thread findMainThread() {
    for (Thread t : allThreads()) {
      if ("main".equals(t.getName()) && !t.isDaemon()) {
        return t;
      }
    }
    return null;
  }

  private static void watch(Thread main, MpRuntime rt) {
    try {
      main.join();
      Thread t;
      while ((t = nextApplicationThread()) != null) {
        t.join();
      }
    } catch (InterruptedException e) {
      return;
    }
    if (!run(rt)) {
      // Hazelcast failed to leave (seen: "Connecting to self!"): its non-daemon threads would keep
      // this JVM alive forever. End it with the status the launcher would have given.
      System.exit(MAIN_FAILED.get() ? 1 : 0);
    }
  }

  /** A live non-daemon thread of the application, or null when only infrastructure is left. */
  public static Thread nextApplicationThread() {
    Thread self = Thread.currentThread();
    for (Thread t : allThreads()) {
      if (t != null && t != self && t.isAlive() && !t.isDaemon() && !infrastructure(t.getName())) {
        return t;
      }
    }
    return null;
  }

  /** The platform threads of this JVM (cheaper than Thread.getAllStackTraces: no stack walks). */
  private static Thread[] allThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    return java.util.Arrays.copyOf(threads, n);
  }

  private static boolean infrastructure(String name) {
    return name.startsWith("vert.x-") || name.startsWith("vertx-") || name.startsWith("hz.")
        || name.startsWith("mp-") || name.equals("DestroyJavaVM") || name.startsWith("process reaper")
        || name.startsWith("globalEventExecutor") || name.startsWith("Common-Cleaner");
  }
}
