package dev.multiprocessing.connection.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection from another JVM of this host ({@link LocalChannels}), and who reads it.
 *
 * <p>Design. CPython's {@code recv} is the thread blocked in {@code read}. Here frames for every
 * end of this JVM whose peer lives in the writing JVM share this connection, so a reader thread
 * used to read it and hand each message to the blocked {@code recv}: two more thread switches per
 * round trip, which on one CPU is a third of a ping-pong. Reading is now a role, the lease, that
 * moves between threads. A thread about to block in {@code recv} or {@code poll} on an end whose
 * peer writes here takes the lease and reads the socket itself, handing frames for other ends over
 * as the reader thread would. When it returns it keeps the lease, idle, so that its next
 * {@code recv} reads on at no cost; another blocking caller may take an idle lease. While the lease
 * is out the reader thread does not watch the socket. It takes the lease back when something else
 * needs the connection read ({@link #revokeIfIdle}: an async reader, {@code wait()}, the writer's
 * death) or once the lease has been idle for {@link #IDLE_NANOS}, which bounds how long frames
 * nobody waits for (credit, a closing writer's last bytes) stay in the socket. Reads are
 * non-blocking and made under {@code reading}, so one parser serves every reader in turn.
 */
final class Inbound {

  private static final Logger LOG = Logger.getLogger(Inbound.class.getName());
  /** How long a lease may stay idle before the reader thread takes it back. */
  static final long IDLE_NANOS = 10_000_000;
  private static final Map<String, Inbound> BY_WRITER = new ConcurrentHashMap<>();
  private static final Cleaner CLEANER = Cleaner.create();
  private static final ThreadLocal<Waiter> WAITERS = ThreadLocal.withInitial(Waiter::new);

  private final SocketChannel ch;
  private final FrameReader reader = new FrameReader(this::named);
  private final ReentrantLock reading = new ReentrantLock();
  private final Selector own;
  private final Promise<Void> drained = Promise.promise();
  private volatile String writer;
  // The lease, guarded by this: held by lessee (null: the reader thread), active while it reads.
  private Thread lessee;
  private boolean active;
  private long idleSince;
  private boolean revokeWanted;
  /** The reader thread waits for the holder's release (it then starts the idle clock). */
  private boolean waitingForRelease;
  /** Threads waiting in recv for frames of this connection that the active holder reads for them. */
  private int withoutLease;
  private boolean ended;

  Inbound(SocketChannel ch) throws IOException {
    this.ch = ch;
    ch.configureBlocking(false);
    own = Selector.open();
    ch.register(own, SelectionKey.OP_READ);
  }

  /** The connection from the JVM of cluster member {@code node}, or null if it has not written here. */
  static Inbound from(String node) {
    return node == null ? null : BY_WRITER.get(node);
  }

  /**
   * Completes once everything that the JVM of {@code node} wrote here has been read (its
   * connection ended); at once if it never wrote here.
   */
  static Future<Void> drained(String node) {
    Inbound in = from(node);
    if (in == null) {
      return Future.succeededFuture();
    }
    in.revokeIfIdle();
    return in.drained.future();
  }

  private void named(String node) {
    writer = node;
    BY_WRITER.put(node, this);
  }

  // ---------------------------------------------------------------- the reader thread

  /** The reader thread's life: reads whenever the lease is its own, until the writer closes. */
  void run() {
    try {
      while (awaitLeaseBack()) {
        own.select();
        own.selectedKeys().clear();
        if (!leased() && reading.tryLock()) {
          try {
            if (reader.readAvailable(ch) < 0) {
              return;
            }
          } finally {
            reading.unlock();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!isEnded()) {
        LOG.log(Level.WARNING, "pipe socket reader stopped", e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      end();
      try {
        own.close();
      } catch (IOException e) {
        // nothing to release then
      }
    }
  }

  /**
   * Waits while a thread holds the lease, taking it back once it has been idle for
   * {@link #IDLE_NANOS}; false once ended. While the holder is reading, this waits without a
   * timeout (a thread blocked in {@code recv} for an hour costs no wake-ups); the holder's release
   * wakes it then, at most about once per {@link #IDLE_NANOS} in a ping-pong.
   */
  private synchronized boolean awaitLeaseBack() throws InterruptedException {
    while (!ended && lessee != null) {
      if (active) {
        waitingForRelease = true;
        wait();
        waitingForRelease = false;
        continue;
      }
      long left = IDLE_NANOS - (System.nanoTime() - idleSince);
      if (left <= 0) {
        lessee = null;
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return !ended;
  }

  private synchronized boolean leased() {
    return lessee != null;
  }

  private synchronized boolean isEnded() {
    return ended;
  }

  /** The writer closed the connection (or it failed): all it wrote has been read. */
  private void end() {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      notifyAll();
    }
    String w = writer;
    if (w != null) {
      BY_WRITER.remove(w, this);
    }
    try {
      ch.close();
    } catch (IOException e) {
      // closed anyway
    }
    own.wakeup();
    drained.tryComplete();
  }

  // ---------------------------------------------------------------- the lease

  /**
   * Makes the calling thread the reader, unless another thread is reading now or the connection
   * has ended (false: wait to be handed frames, as before).
   */
  synchronized boolean lease() {
    Thread me = Thread.currentThread();
    if (ended || (active && lessee != me)) {
      return false;
    }
    boolean fromReaderThread = lessee == null;
    lessee = me;
    active = true;
    if (fromReaderThread) {
      own.wakeup(); // it may be selecting: it then sees the lease is out and stops watching
    }
    return true;
  }

  /** The calling thread stops reading; it keeps the lease, idle, unless it was asked for meanwhile. */
  synchronized void release() {
    if (lessee != Thread.currentThread()) {
      return;
    }
    active = false;
    idleSince = System.nanoTime();
    if (revokeWanted || withoutLease > 0) {
      revokeWanted = false;
      lessee = null;
      notifyAll();
    } else if (waitingForRelease) {
      notifyAll();
    }
  }

  /**
   * A thread waits in {@code recv} ({@code +1}) or stops waiting ({@code -1}) for frames on this
   * connection while another thread holds the lease: that holder passes it to the reader thread
   * when it stops reading, so that the waiter's frames do not wait for the idle timeout.
   */
  synchronized void waitingWithoutLease(int delta) {
    withoutLease += delta;
  }

  /** Something other than a blocking caller needs this connection read: the reader thread takes it. */
  synchronized void revokeIfIdle() {
    if (lessee == null || ended) {
      return;
    }
    if (active) {
      revokeWanted = true;
      return;
    }
    lessee = null;
    notifyAll();
  }

  /** The selector that the calling thread waits in during {@link #readFor} (to wake it). */
  static Selector waiterSelector() {
    return WAITERS.get().sel;
  }

  /**
   * For the lessee: waits up to {@code nanos} (none: does not wait) until the socket has bytes or
   * the calling thread's selector is woken, then reads what has come and hands it over. A read
   * that finds the connection closed or broken ends it.
   */
  void readFor(long nanos) {
    boolean open = false;
    Error fatal = null;
    reading.lock();
    try {
      long deadline = System.nanoTime() + nanos;
      if (nanos > 0) {
        select(nanos);
      }
      open = reader.readAvailable(ch) >= 0;
      // The rest of a large message is on its way: wait for it here rather than in a new turn.
      while (open && reader.inBigMessage() && deadline - System.nanoTime() > 0) {
        select(deadline - System.nanoTime());
        open = reader.readAvailable(ch) >= 0;
      }
    } catch (IOException | RuntimeException e) {
      open = false;
      if (!isEnded()) {
        LOG.log(Level.WARNING, "pipe socket read failed", e);
      }
    } catch (Error e) {
      fatal = e;
      open = false; // the parser may be half-way through a message: nothing after it can be read
    } finally {
      reading.unlock();
    }
    if (!open) {
      end(); // outside the read lock: ending completes drained(), whose listeners take end locks
    }
    if (fatal != null) {
      throw fatal;
    }
  }

  /** Waits in the calling thread's selector until the socket has bytes, a wake-up, or {@code nanos}. */
  private void select(long nanos) throws IOException {
    Waiter w = WAITERS.get();
    w.watch(ch);
    w.sel.select(Math.max(1, (nanos + 999_999) / 1_000_000));
    w.sel.selectedKeys().clear();
  }

  /**
   * A thread's own selector, watching the one connection it reads at a time (interest in the one
   * it read before is dropped when it changes, so a select never wakes for another's socket).
   * Closed once its thread is gone.
   */
  private static final class Waiter {
    final Selector sel;
    SelectionKey current;

    Waiter() {
      try {
        sel = Selector.open();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot open a selector for a pipe reader", e);
      }
      Selector s = sel;
      CLEANER.register(Thread.currentThread(), () -> {
        try {
          s.close();
        } catch (IOException e) {
          // nothing to release then
        }
      });
    }

    void watch(SocketChannel ch) throws IOException {
      SelectionKey k = ch.keyFor(sel);
      if (k != null && k == current && k.isValid()) {
        return;
      }
      if (current != null && current.isValid()) {
        current.interestOps(0);
      }
      if (k == null) {
        k = ch.register(sel, SelectionKey.OP_READ);
      } else {
        k.interestOps(SelectionKey.OP_READ);
      }
      current = k;
    }
  }
}
