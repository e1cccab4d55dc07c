package dev.multiprocessing;

import java.util.List;

/**
 * Python's context object ({@code multiprocessing.get_context(method)}): the same API as the
 * {@link Multiprocessing} module, bound to one start method.
 *
 * <p>Start methods: {@code spawn} launches a fresh JVM per process (about half a second: a JVM
 * start and a cluster join); {@code forkserver} hands each process a warm JVM that already joined
 * the cluster (about a millisecond), runs it there and lets that JVM exit, so isolation is the same.
 * {@code fork} cannot exist on a JVM; asking for it raises, as Python does on Windows.
 */
public final class MpContext {

  /** The start methods this platform has, the default first. */
  public static final List<String> ALL_METHODS = List.of("forkserver", "spawn");

  private final String method;

  MpContext(String method) {
    this.method = method;
  }

  static String checkMethod(String method) {
    if (!ALL_METHODS.contains(method)) {
      throw new IllegalArgumentException("cannot find context for '" + method + "': available start methods are "
          + ALL_METHODS + ("fork".equals(method) ? " (a JVM cannot fork itself)" : ""));
    }
    return method;
  }

  /** This context's start method. */
  public String getStartMethod() {
    return method;
  }

  /** Python's {@code ctx.Process(target=...)}. */
  public Process process(Target target) {
    return new Process(new ProcessOptions().setTarget(target), method);
  }

  /** Python's {@code ctx.Process(...)} with options; the options' start method is ignored. */
  public Process process(ProcessOptions options) {
    return new Process(options, method);
  }

  @Override
  public String toString() {
    return "<MpContext " + method + ">";
  }

  // ---------------------------------------------------------------- queues (issue 4)

  /** Python's {@code ctx.Queue()}: an unbounded process queue. Blocks briefly (registration). */
  public <E> dev.multiprocessing.queues.Queue<E> queue() {
    return dev.multiprocessing.queues.Queues.queue(0);
  }

  /** Python's {@code ctx.Queue(maxsize)} ({@code maxsize <= 0}: unbounded). */
  public <E> dev.multiprocessing.queues.Queue<E> queue(int maxsize) {
    return dev.multiprocessing.queues.Queues.queue(maxsize);
  }

  /** Python's {@code ctx.SimpleQueue()}. */
  public <E> dev.multiprocessing.queues.SimpleQueue<E> simpleQueue() {
    return dev.multiprocessing.queues.Queues.simpleQueue();
  }

  /** Python's {@code ctx.JoinableQueue()}. */
  public <E> dev.multiprocessing.queues.JoinableQueue<E> joinableQueue() {
    return dev.multiprocessing.queues.Queues.joinableQueue(0);
  }

  /** Python's {@code ctx.JoinableQueue(maxsize)}. */
  public <E> dev.multiprocessing.queues.JoinableQueue<E> joinableQueue(int maxsize) {
    return dev.multiprocessing.queues.Queues.joinableQueue(maxsize);
  }

  /** Python's {@code ctx.Pool(processes)}: workers started with this context's start method. */
  public dev.multiprocessing.pool.Pool pool(int processes) {
    return pool(new dev.multiprocessing.pool.PoolOptions().setProcesses(processes));
  }

  /** Python's {@code ctx.Pool(...)}; the options' context is replaced by this one. */
  public dev.multiprocessing.pool.Pool pool(dev.multiprocessing.pool.PoolOptions options) {
    return new dev.multiprocessing.pool.Pool(new dev.multiprocessing.pool.PoolOptions(options).setContext(this));
  }

  // --- Python's ctx.Lock(), ctx.Value(...), ...: the same objects as Multiprocessing's (no start method involved) ---

  public dev.multiprocessing.synchronize.Lock lock() {
    return Multiprocessing.lock();
  }

  public dev.multiprocessing.synchronize.RLock rlock() {
    return Multiprocessing.rlock();
  }

  public dev.multiprocessing.synchronize.Semaphore semaphore(int value) {
    return Multiprocessing.semaphore(value);
  }

  public dev.multiprocessing.synchronize.BoundedSemaphore boundedSemaphore(int value) {
    return Multiprocessing.boundedSemaphore(value);
  }

  public dev.multiprocessing.synchronize.Condition condition() {
    return Multiprocessing.condition();
  }

  public dev.multiprocessing.synchronize.Condition condition(dev.multiprocessing.synchronize.Lock lock) {
    return Multiprocessing.condition(lock);
  }

  public dev.multiprocessing.synchronize.Condition condition(dev.multiprocessing.synchronize.RLock lock) {
    return Multiprocessing.condition(lock);
  }

  public dev.multiprocessing.synchronize.Event event() {
    return Multiprocessing.event();
  }

  public dev.multiprocessing.synchronize.Barrier barrier(int parties) {
    return Multiprocessing.barrier(parties);
  }

  public dev.multiprocessing.synchronize.Barrier barrier(int parties, Target action, double timeout) {
    return Multiprocessing.barrier(parties, action, timeout);
  }

  public <T> dev.multiprocessing.sharedctypes.SynchronizedValue<T> value(String typecode, Object initial) {
    return Multiprocessing.value(typecode, initial);
  }

  public <T> dev.multiprocessing.sharedctypes.Value<T> value(String typecode, Object initial, boolean lock) {
    return Multiprocessing.value(typecode, initial, lock);
  }

  public <T> dev.multiprocessing.sharedctypes.SynchronizedArray<T> array(String typecode, int size) {
    return Multiprocessing.array(typecode, size);
  }

  public <T> dev.multiprocessing.sharedctypes.SynchronizedArray<T> array(String typecode, List<?> initializer) {
    return Multiprocessing.array(typecode, initializer);
  }

  public <T> dev.multiprocessing.sharedctypes.RawValue<T> rawValue(String typecode, Object initial) {
    return Multiprocessing.rawValue(typecode, initial);
  }

  public <T> dev.multiprocessing.sharedctypes.RawArray<T> rawArray(String typecode, int size) {
    return Multiprocessing.rawArray(typecode, size);
  }
}
