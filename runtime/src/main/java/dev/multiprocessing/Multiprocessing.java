package dev.multiprocessing;

import dev.multiprocessing.impl.ChildLauncher;
import dev.multiprocessing.impl.ExitSequence;
import dev.multiprocessing.impl.MpLogging;
import dev.multiprocessing.impl.MpRuntime;
import dev.multiprocessing.connection.Connections;
import dev.multiprocessing.connection.Pipe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code multiprocessing} module: its functions as static methods, in Java case
 * ({@code current_process} is {@link #currentProcess()}). Import them statically:
 * {@code import static dev.multiprocessing.Multiprocessing.*;}.
 *
 * <p>The first use of anything that needs the cluster starts this JVM's clustered Vert.x (a
 * Hazelcast member on 127.0.0.1, about a second, see {@link ClusterOptions}); a Vert.x application
 * that already runs clustered hands its own in with {@link #init(Vertx)} first.
 */
public final class Multiprocessing {

  private static volatile String startMethod;

  private Multiprocessing() {}

  /** Uses this application's clustered Vertx (Hazelcast cluster manager) for everything. */
  public static void init(Vertx vertx) {
    MpRuntime.useVertx(vertx);
  }

  /** Starts the runtime with these cluster options on first use (call before anything else). */
  public static void init(ClusterOptions options) {
    MpRuntime.configure(options);
  }

  /**
   * The clustered Vert.x this library uses (the one handed to {@link #init(Vertx)}, or the one it
   * started); starts it on first use.
   */
  public static Vertx vertx() {
    return MpRuntime.get().vertx();
  }

  /** Python's {@code get_context()}: the context of the global start method. */
  public static MpContext getContext() {
    return new MpContext(getStartMethod());
  }

  /**
   * Python's {@code get_context(method)}.
   *
   * @throws IllegalArgumentException for an unknown method, and for {@code fork}, which a JVM lacks
   */
  public static MpContext getContext(String method) {
    return new MpContext(MpContext.checkMethod(method));
  }

  /** Python's {@code set_start_method(method)}: once per program. @throws IllegalStateException if already set */
  public static void setStartMethod(String method) {
    setStartMethod(method, false);
  }

  /** With {@code force}, replaces a method already set; {@code null} with force unsets it. */
  public static synchronized void setStartMethod(String method, boolean force) {
    if (startMethod != null && !force) {
      throw new IllegalStateException("context has already been set");
    }
    startMethod = method == null ? null : MpContext.checkMethod(method);
  }

  /** Python's {@code get_start_method()}: fixes the default ({@code forkserver}) if none was set. */
  public static String getStartMethod() {
    return getStartMethod(false);
  }

  /** With {@code allowNone}, returns null instead of fixing the default when none was set. */
  public static synchronized String getStartMethod(boolean allowNone) {
    if (startMethod == null && !allowNone) {
      startMethod = MpContext.ALL_METHODS.get(0);
    }
    return startMethod;
  }

  /** Python's {@code get_all_start_methods()}: {@code [forkserver, spawn]}, the default first. */
  public static List<String> getAllStartMethods() {
    return MpContext.ALL_METHODS;
  }

  /** Python's {@code set_executable()}: the {@code java} that child JVMs run. */
  public static void setExecutable(String javaExecutable) {
    ChildLauncher.executable(javaExecutable);
  }

  /**
   * Python's {@code set_forkserver_preload(module_names)}: the classes (fully qualified names) that
   * warm JVMs of the fork server load before they are handed a process, so that starting a process
   * whose target lives in them does not pay for loading them. The default is the program's main
   * class, as Python preloads {@code __main__}. Classes are loaded, not initialized; names that do
   * not resolve are ignored. Applies to warm JVMs launched afterwards.
   */
  public static void setForkserverPreload(List<String> classNames) {
    ChildLauncher.forkserverPreload(classNames);
  }

  /** The {@code java} that child JVMs run (this JVM's own by default). */
  public static String getExecutable() {
    return ChildLauncher.executable();
  }

  /** Python's {@code Pipe()}: a duplex pair of connected ends. Blocks briefly (registration). */
  public static Pipe pipe() {
    return pipe(true);
  }

  /** Python's {@code Pipe(duplex)}: with {@code false}, {@code conn1} only receives, {@code conn2} only sends. */
  public static Pipe pipe(boolean duplex) {
    return Connections.pipe(duplex);
  }

  /** Creates a pipe; completes once both ends can be reached from any process of the cluster. */
  public static Future<Pipe> pipeAsync(boolean duplex) {
    return Connections.pipeAsync(duplex);
  }

  /** Python's {@code current_process()}. */
  public static Process currentProcess() {
    return Process.currentProcess();
  }

  /** Python's {@code parent_process()}: null in the main process. */
  public static Process parentProcess() {
    return dev.multiprocessing.impl.ChildState.parent();
  }

  /** Python's {@code active_children()}: live children of this process; reaps finished ones. */
  public static List<Process> activeChildren() {
    List<Process> alive = new ArrayList<>();
    for (Process p : ExitSequence.children()) {
      if (p.isAlive()) {
        alive.add(p);
      }
    }
    return alive;
  }

  /** Python's {@code cpu_count()}: the processors available to this JVM. */
  public static int cpuCount() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Python's {@code freeze_support()}: a no-op, as on every platform but frozen Windows programs. */
  public static void freezeSupport() {
    // nothing to do: a JVM child always starts from the class path, never from a frozen executable
  }

  /** Python's {@code get_logger()}: the library's logger ({@code java.util.logging}, "multiprocessing"). */
  public static Logger getLogger() {
    return MpLogging.logger();
  }

  /**
   * Python's {@code log_to_stderr(level)}: logs to stderr in Python's format
   * {@code [LEVEL/ProcessName] message}; returns the logger.
   */
  public static Logger logToStderr(Level level) {
    return MpLogging.toStderr(level);
  }

  /** {@link #logToStderr(Level)} keeping the logger's level. */
  public static Logger logToStderr() {
    return MpLogging.toStderr(null);
  }

  // ---------------------------------------------------------------- queues (issue 4)

  /** Python's {@code Queue()}: an unbounded process queue. Blocks briefly (registration). */
  public static <E> dev.multiprocessing.queues.Queue<E> queue() {
    return dev.multiprocessing.queues.Queues.queue(0);
  }

  /** Python's {@code Queue(maxsize)} ({@code maxsize <= 0}: unbounded). */
  public static <E> dev.multiprocessing.queues.Queue<E> queue(int maxsize) {
    return dev.multiprocessing.queues.Queues.queue(maxsize);
  }

  /** Python's {@code SimpleQueue()}. */
  public static <E> dev.multiprocessing.queues.SimpleQueue<E> simpleQueue() {
    return dev.multiprocessing.queues.Queues.simpleQueue();
  }

  /** Python's {@code JoinableQueue()}. */
  public static <E> dev.multiprocessing.queues.JoinableQueue<E> joinableQueue() {
    return dev.multiprocessing.queues.Queues.joinableQueue(0);
  }

  /** Python's {@code JoinableQueue(maxsize)}. */
  public static <E> dev.multiprocessing.queues.JoinableQueue<E> joinableQueue(int maxsize) {
    return dev.multiprocessing.queues.Queues.joinableQueue(maxsize);
  }

  /** Python's {@code multiprocessing.Pool()}: {@code cpuCount()} worker processes of the default context. */
  public static dev.multiprocessing.pool.Pool pool() {
    return new dev.multiprocessing.pool.Pool();
  }

  /** Python's {@code multiprocessing.Pool(processes)}. */
  public static dev.multiprocessing.pool.Pool pool(int processes) {
    return new dev.multiprocessing.pool.Pool(processes);
  }

  /** Python's {@code multiprocessing.Pool(...)} with all its options. */
  public static dev.multiprocessing.pool.Pool pool(dev.multiprocessing.pool.PoolOptions options) {
    return new dev.multiprocessing.pool.Pool(options);
  }

  // --- Synchronization primitives and shared ctypes (multiprocessing.synchronize, .sharedctypes) ---

  /** Python's {@code Lock()}. */
  public static dev.multiprocessing.synchronize.Lock lock() {
    return new dev.multiprocessing.synchronize.Lock();
  }

  /** Python's {@code RLock()}. */
  public static dev.multiprocessing.synchronize.RLock rlock() {
    return new dev.multiprocessing.synchronize.RLock();
  }

  /** Python's {@code Semaphore(value)}. */
  public static dev.multiprocessing.synchronize.Semaphore semaphore(int value) {
    return new dev.multiprocessing.synchronize.Semaphore(value);
  }

  /** Python's {@code BoundedSemaphore(value)}. */
  public static dev.multiprocessing.synchronize.BoundedSemaphore boundedSemaphore(int value) {
    return new dev.multiprocessing.synchronize.BoundedSemaphore(value);
  }

  /** Python's {@code Condition()}: over a new RLock. */
  public static dev.multiprocessing.synchronize.Condition condition() {
    return new dev.multiprocessing.synchronize.Condition();
  }

  /** Python's {@code Condition(lock)}. */
  public static dev.multiprocessing.synchronize.Condition condition(dev.multiprocessing.synchronize.Lock lock) {
    return new dev.multiprocessing.synchronize.Condition(lock);
  }

  /** Python's {@code Condition(rlock)}. */
  public static dev.multiprocessing.synchronize.Condition condition(dev.multiprocessing.synchronize.RLock lock) {
    return new dev.multiprocessing.synchronize.Condition(lock);
  }

  /** Python's {@code Event()}. */
  public static dev.multiprocessing.synchronize.Event event() {
    return new dev.multiprocessing.synchronize.Event();
  }

  /** Python's {@code Barrier(parties)}. */
  public static dev.multiprocessing.synchronize.Barrier barrier(int parties) {
    return new dev.multiprocessing.synchronize.Barrier(parties);
  }

  /** Python's {@code Barrier(parties, action, timeout)} ({@code Double.POSITIVE_INFINITY}: no timeout). */
  public static dev.multiprocessing.synchronize.Barrier barrier(int parties, Target action, double timeout) {
    return new dev.multiprocessing.synchronize.Barrier(parties, action, timeout);
  }

  /** Python's {@code Value(typecode, value)}: synchronized by a new RLock. */
  public static <T> dev.multiprocessing.sharedctypes.SynchronizedValue<T> value(String typecode, Object initial) {
    return dev.multiprocessing.sharedctypes.SharedCtypes.value(typecode, initial);
  }

  /** Python's {@code Value(typecode, value, lock=False|True)}. */
  public static <T> dev.multiprocessing.sharedctypes.Value<T> value(String typecode, Object initial, boolean lock) {
    return dev.multiprocessing.sharedctypes.SharedCtypes.value(typecode, initial, lock);
  }

  /** Python's {@code Array(typecode, size)}: zeros, synchronized by a new RLock. */
  public static <T> dev.multiprocessing.sharedctypes.SynchronizedArray<T> array(String typecode, int size) {
    return dev.multiprocessing.sharedctypes.SharedCtypes.array(typecode, size);
  }

  /** Python's {@code Array(typecode, initializer)}. */
  public static <T> dev.multiprocessing.sharedctypes.SynchronizedArray<T> array(String typecode, List<?> initializer) {
    return dev.multiprocessing.sharedctypes.SharedCtypes.array(typecode, initializer);
  }

  /** Python's {@code RawValue(typecode, value)}. */
  public static <T> dev.multiprocessing.sharedctypes.RawValue<T> rawValue(String typecode, Object initial) {
    return dev.multiprocessing.sharedctypes.SharedCtypes.rawValue(typecode, initial);
  }

  /** Python's {@code RawArray(typecode, size)}. */
  public static <T> dev.multiprocessing.sharedctypes.RawArray<T> rawArray(String typecode, int size) {
    return dev.multiprocessing.sharedctypes.SharedCtypes.rawArray(typecode, size);
  }

  /** Python's {@code RawArray(typecode, initializer)}. */
  public static <T> dev.multiprocessing.sharedctypes.RawArray<T> rawArray(String typecode, List<?> initializer) {
    return dev.multiprocessing.sharedctypes.SharedCtypes.rawArray(typecode, initializer);
  }
}
