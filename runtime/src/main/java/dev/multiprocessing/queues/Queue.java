package dev.multiprocessing.queues;

import dev.multiprocessing.codecs.Handle;
import dev.multiprocessing.codecs.Pickler;
import dev.multiprocessing.codecs.Shareable;
import dev.multiprocessing.impl.Blocking;
import dev.multiprocessing.impl.MpRuntime;
import dev.multiprocessing.queues.impl.QueueClient;
import dev.multiprocessing.queues.impl.QueueHome;
import io.vertx.core.Future;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Python's {@code multiprocessing.Queue}: a FIFO queue shared by processes, on any host of the
 * cluster. Create one with {@code Multiprocessing.queue()} or {@code queue(maxsize)}; hand it to a
 * child in its target's captured values, or send it through a {@code Connection} or another queue.
 *
 * <p><b>The four forms</b> (as {@link java.util.concurrent.BlockingQueue} tabulates them):
 * <table>
 * <caption>Queue operations</caption>
 * <tr><td></td><th>raises at once</th><th>blocks</th><th>times out</th><th>Future</th></tr>
 * <tr><th>insert</th><td>{@code put(e, false)}, {@code putNowait(e)}: {@link Full}</td>
 *   <td>{@code put(e)}</td><td>{@code put(e, true, seconds)}: {@link Full}</td>
 *   <td>{@code putAsync(e)}</td></tr>
 * <tr><th>remove</th><td>{@code get(false)}, {@code getNowait()}: {@link Empty}</td>
 *   <td>{@code get()}</td><td>{@code get(true, seconds)}: {@link Empty}</td>
 *   <td>{@code getAsync()}</td></tr>
 * </table>
 * A timeout of zero or below does not wait. An unbounded queue ({@code maxsize <= 0}) never blocks
 * a {@code put}: as Python's feeder thread does, {@code put} serializes the item at once (an
 * unserializable item raises {@link dev.multiprocessing.codecs.PicklingError} here and the queue
 * is unaffected) and sends it in the background, batched with other puts.
 *
 * <p><b>Ordering and delivery.</b> The items of one producer arrive in the order it put them. Each
 * item goes to exactly one consumer. A consumer that dies, while waiting or with items delivered
 * to it but not yet returned by {@code get}, loses nothing: its items go back to the head of the
 * queue once its JVM leaves the cluster (within about 0.35 s). The one window in which an item
 * can be delivered twice: a consumer JVM that dies within about a millisecond after its
 * {@code get} returned, before the acknowledgement left. A fast consumer prefetches: up to 8192
 * items (8 MiB), one at a time when it spends a millisecond or more per item (measured from a
 * {@code get} returning to the next call, so time spent waiting for a delivery does not count).
 * Prefetch keeps each producer's order across consumers, as Python's single pipe does: while one
 * consumer holds prefetched items of a producer, no other consumer gets that producer's later
 * items (it gets other producers' items, or waits until the holder has taken them or, idle for a
 * millisecond, handed them back). So a sentinel protocol works as in Python: when a consumer
 * takes a producer's sentinel, every earlier item of that producer has been taken or is on its
 * way to a caller already waiting in {@code get}. The one exception: an item on its way to a
 * {@code get} that times out just before it arrives goes back to the head and may be taken after
 * later ones. A {@code get} that does not wait raises {@link Empty} while the only items left are
 * bound to another consumer's prefetch (they come free within about a millisecond once that
 * consumer takes them or goes idle). The price of this order: consumers of one producer that
 * spend 0.1-1 ms per item (fast enough to prefetch) take turns rather than work side by side;
 * work of that grain spreads better over a {@link dev.multiprocessing.pool.Pool}.
 *
 * <p><b>Exactness.</b> {@link #qsize()} asks the queue's home: items put and not yet got,
 * counting the caller's own puts and gets exactly (they are flushed first), other processes' as
 * of a moment ago (their puts are in flight for microseconds, their gets acknowledged within a
 * millisecond). {@link #empty()} and {@link #full()} derive from it; as in Python, they are hints.
 *
 * <p><b>Where the state lives.</b> The queue's items live in the JVM that created it (its
 * <i>home</i>). If that JVM dies, every later or pending call in other processes raises
 * {@link dev.multiprocessing.ProcessError} ("queue is unusable: the process that created this
 * queue has exited"), never hangs. Items put by a producer that dies before they were sent (a
 * window of microseconds) are lost, as in Python.
 *
 * <p><b>Closing.</b> {@link #close()} closes this process's side: later calls here raise
 * {@link IllegalStateException} ("queue is closed"); items put here are still delivered; items
 * prefetched here go back. The home lets go of its event-bus address once its creator has closed
 * or dropped the queue and no other process uses it (a handle in transit keeps it 30 s). A process
 * that exits waits (bounded) until its puts have reached the home, which always accepts them, so
 * Python's "joining processes that use queues" deadlock cannot happen here; see
 * {@link #cancelJoinThread()}.
 *
 * <p>Thread-safe: all threads of a JVM share one buffer per queue.
 *
 * @param <E> the type of the items
 */
public class Queue<E> implements Shareable {

  /** A timeout that never ends: Python's {@code timeout=None}. */
  public static final double FOREVER = Double.POSITIVE_INFINITY;

  private static final Map<String, WeakReference<Object>> LOCAL = new ConcurrentHashMap<>();
  private static final Cleaner CLEANER = Cleaner.create();

  final QueueClient client;
  final QueueHome home;
  private final String kind;

  Queue(QueueClient client, QueueHome home, String kind) {
    this.client = client;
    this.home = home;
    this.kind = kind;
    CLEANER.register(this, closer(client, home));
  }

  private static Runnable closer(QueueClient client, QueueHome home) {
    return () -> client.close().onComplete(x -> {
      if (home != null) {
        home.creatorClosed();
      }
    });
  }

  /**
   * A new queue whose home is this JVM, as the face {@code kind} names ("queue", "joinable",
   * "simple"); the future completes once it is usable cluster-wide.
   */
  static Future<Object> create(String kind, int maxsize) {
    MpRuntime rt = MpRuntime.get();
    String id = UUID.randomUUID().toString();
    return rt.ready().compose(v -> QueueHome.create(rt, "mp.queue." + id, maxsize)).map(home -> {
      Object q = face(kind, QueueClient.connect(rt, id, home.address, rt.nodeId(), maxsize), home);
      LOCAL.put(id, new WeakReference<>(q));
      return q;
    });
  }

  private static Object face(String kind, QueueClient c, QueueHome home) {
    return switch (kind) {
      case "simple" -> new SimpleQueue<>(new Queue<>(c, home, kind));
      case "joinable" -> new JoinableQueue<>(c, home, kind);
      default -> new Queue<>(c, home, kind);
    };
  }

  /** This JVM's object for a queue handed over from another process (one per queue and JVM). */
  static Object resolve(QueueHandle h) {
    Object[] out = new Object[1];
    LOCAL.compute(h.queueId(), (id, ref) -> {
      out[0] = ref == null ? null : ref.get();
      if (out[0] != null && !clientOf(out[0]).isClosed()) {
        return ref;
      }
      QueueClient c = QueueClient.connect(MpRuntime.get(), id, h.homeAddress(), h.homeNode(), h.maxsize());
      out[0] = face(h.kind(), c, null);
      return new WeakReference<>(out[0]);
    });
    return out[0];
  }

  private static QueueClient clientOf(Object face) {
    return face instanceof SimpleQueue<?> s ? s.queue.client : ((Queue<?>) face).client;
  }

  @Override
  public Handle handle() {
    if (home != null) {
      home.handedOut();
    }
    return new QueueHandle(kind, client.queueId, client.homeAddress, client.homeNode, client.maxsize);
  }

  // ---------------------------------------------------------------- put

  /** Puts {@code obj}, waiting while a bounded queue is full. */
  public void put(E obj) {
    put(obj, true, FOREVER);
  }

  /** Puts {@code obj}; without {@code block}, raises {@link Full} at once when the queue is full. */
  public void put(E obj, boolean block) {
    put(obj, block, FOREVER);
  }

  /**
   * Puts {@code obj}, waiting at most {@code timeout} seconds for room ({@link #FOREVER}: no limit;
   * zero or below: no wait).
   *
   * @throws Full when there is no room in time
   * @throws IllegalStateException when this queue is closed
   */
  public void put(E obj, boolean block, double timeout) {
    Blocking.checkMayBlock("Queue.put()", "putAsync()");
    Blocking.await(putAsync(obj, block, timeout), "Queue.put()", "putAsync()");
  }

  /** Python's {@code put_nowait}: {@code put(obj, false)}. */
  public void putNowait(E obj) {
    put(obj, false, 0);
  }

  public Future<Void> putAsync(E obj) {
    return putAsync(obj, true, FOREVER);
  }

  /** The one implementation of {@code put}: completes when the item is accepted. */
  public Future<Void> putAsync(E obj, boolean block, double timeout) {
    byte[] data = Pickler.dumps(obj);
    try {
      return client.put(data, block, timeout);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  // ---------------------------------------------------------------- get

  /** Removes and returns the next item, waiting for one. */
  public E get() {
    return get(true, FOREVER);
  }

  /** Without {@code block}, raises {@link Empty} at once when no item is available. */
  public E get(boolean block) {
    return get(block, FOREVER);
  }

  /**
   * Removes and returns the next item, waiting at most {@code timeout} seconds.
   *
   * @throws Empty when no item comes in time
   * @throws IllegalStateException when this queue is closed
   */
  public E get(boolean block, double timeout) {
    Blocking.checkMayBlock("Queue.get()", "getAsync()");
    Future<E> f = getAsync(block, timeout);
    boolean waits = !f.isComplete();
    E item = Blocking.await(f, "Queue.get()", "getAsync()");
    if (waits) {
      client.resumed();   // the caller runs again: its own time per item starts here
    }
    return item;
  }

  /** Python's {@code get_nowait}: {@code get(false)}. */
  public E getNowait() {
    return get(false, 0);
  }

  public Future<E> getAsync() {
    return getAsync(true, FOREVER);
  }

  /** The one implementation of {@code get}. */
  @SuppressWarnings("unchecked")
  public Future<E> getAsync(boolean block, double timeout) {
    try {
      Future<byte[]> f = client.get(block, timeout);
      if (f.succeeded()) {
        return Future.succeededFuture((E) Pickler.loads(f.result()));
      }
      return f.map(b -> (E) Pickler.loads(b));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  // ---------------------------------------------------------------- size

  /** Items put and not yet got, as the queue's home counts them (see the class comment). */
  public int qsize() {
    Blocking.checkMayBlock("Queue.qsize()", "qsizeAsync()");
    return Blocking.await(qsizeAsync(), "Queue.qsize()", "qsizeAsync()");
  }

  public Future<Integer> qsizeAsync() {
    return stat().map(s -> (int) s[0]);
  }

  public boolean empty() {
    return qsize() == 0;
  }

  public Future<Boolean> emptyAsync() {
    return qsizeAsync().map(n -> n == 0);
  }

  /** Whether a bounded queue holds {@code maxsize} items (always false when unbounded). */
  public boolean full() {
    return client.maxsize > 0 && qsize() >= client.maxsize;
  }

  public Future<Boolean> fullAsync() {
    return client.maxsize <= 0 ? Future.succeededFuture(false) : qsizeAsync().map(n -> n >= client.maxsize);
  }

  Future<long[]> stat() {
    try {
      return client.stat();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  // ---------------------------------------------------------------- closing

  /**
   * Closes this process's side of the queue (Python's {@code close}): later calls here raise;
   * items already put still reach the queue; items prefetched here go back to it. Does not wait.
   */
  public void close() {
    closer(client, home).run();
  }

  /** Waits until everything put here before {@link #close()} has reached the queue. */
  public void joinThread() {
    Blocking.checkMayBlock("Queue.joinThread()", "joinThreadAsync()");
    Blocking.await(joinThreadAsync(), "Queue.joinThread()", "joinThreadAsync()");
  }

  /**
   * @throws IllegalStateException when the queue is not closed (Python's assertion)
   */
  public Future<Void> joinThreadAsync() {
    if (!client.isClosed()) {
      return Future.failedFuture(new IllegalStateException("joinThread() needs close() first"));
    }
    return client.close();
  }

  /** This process's exit will not wait for its puts to reach the queue (they may be lost). */
  public void cancelJoinThread() {
    client.cancelJoinThread();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(maxsize=" + client.maxsize + ", id=" + client.queueId.substring(0, 8) + ")";
  }
}
