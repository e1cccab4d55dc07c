package dev.multiprocessing.connection.impl;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The same-host data path of pipes: one Unix-domain socket per JVM, and one connection per pair of
 * JVMs, carrying pipe frames addressed to a pipe end's inbox. The clustered event bus costs about
 * 100 us per round trip; a Unix-domain socket between the same two JVMs about 30 us.
 *
 * <p>Design. Each JVM listens at {@code $TMPDIR/vertx-mp-uds-$USER/<pid>/<node id>.sock}. A
 * node id is unique in the cluster, so a socket file named after a peer's node id exists on this
 * file system only if the peer runs on this host; otherwise the event bus carries the frames, as
 * it always does for control (moves) and as the fallback. Frames sent over both paths are safe
 * because the pipe protocol numbers its data frames and orders its control frames by epochs.
 * Writers write from their own thread (a user thread, or the end's context when it flushes a
 * batch), under the connection's lock. Each accepted connection ({@link Inbound}) is read by a
 * thread blocked in {@code recv} on one of its ends, or by its reader thread, and frames go to the
 * end registered for their inbox; a thread never writes while it reads, so two JVMs can never block
 * each other's readers. Socket directories of JVMs that no longer run are removed at start.
 */
final class LocalChannels {

  private static final Logger LOG = Logger.getLogger(LocalChannels.class.getName());
  private static final int MAX_PATH = 100;
  /** How long "that JVM does not listen on this host" is believed before looking again. */
  private static final long NONE_NANOS = 1_000_000_000L;
  private static final String READER = "mp-uds-read";
  /**
   * Socket buffer size asked for (the kernel caps it, at net.core.wmem_max on Linux): a 1 MiB
   * message then crosses in one or two writes instead of five wake-ups of each side.
   */
  private static final int SOCKET_BUFFER = 4 << 20;
  private static volatile LocalChannels instance;

  /** The pipe ends of this JVM by inbox address (ends that moved away stay, to forward). */
  static final Map<String, PipeEnd> INBOXES = new ConcurrentHashMap<>();

  private final Path root;
  private final String selfNode;
  private final Map<String, Object> out = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicBoolean lingering = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean enabled;

  private LocalChannels(String nodeId) {
    selfNode = nodeId;
    root = Path.of(System.getProperty("java.io.tmpdir"), "vertx-mp-uds-" + System.getProperty("user.name", "user"));
    Path mine = root.resolve(Long.toString(ProcessHandle.current().pid())).resolve(nodeId + ".sock");
    if (mine.toString().length() > MAX_PATH || eventBusOnly()) {
      return;
    }
    try {
      sweep();
      Files.createDirectories(mine.getParent());
      Files.deleteIfExists(mine);
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(mine));
      mine.getParent().toFile().deleteOnExit(); // deleted last: files go in reverse order
      mine.toFile().deleteOnExit();
      daemon("mp-uds-accept", () -> accept(server));
      enabled = true;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.FINE, "no Unix-domain sockets here; pipes use the event bus only", e);
    }
  }

  static LocalChannels get(String nodeId) {
    LocalChannels c = instance;
    if (c == null) {
      synchronized (LocalChannels.class) {
        if (instance == null) {
          instance = new LocalChannels(nodeId);
        }
        c = instance;
      }
    }
    return c;
  }

  /**
   * Sends {@code frames} to the end at {@code inbox} in the JVM of cluster member {@code node}
   * over this host's socket, if that JVM runs here. False: use the event bus.
   */
  boolean send(String node, String inbox, Buffer frames) {
    return send(node, inbox, ((io.vertx.core.internal.buffer.BufferInternal) frames).getByteBuf().nioBuffer());
  }

  /** As {@link #send(String, String, Buffer)}, for one frame whose payload is written from {@code data} as it is. */
  boolean send(String node, String inbox, byte type, long seq, byte[] data, int offset, int length) {
    return send(node, inbox, Frames.header(type, seq, length), ByteBuffer.wrap(data, offset, length));
  }

  private boolean send(String node, String inbox, ByteBuffer... frames) {
    if (!enabled || eventBusOnly()) {
      return false;
    }
    Object o = out.computeIfAbsent(node, this::connect);
    if (o instanceof Long since) {
      if (System.nanoTime() - since > NONE_NANOS) {
        out.remove(node, o);
      }
      return false;
    }
    if (((Out) o).write(inbox, frames)) {
      return true;
    }
    out.remove(node, o);
    return false;
  }

  /** The connection to {@code node}'s JVM, or when it does not listen on this host, the time we looked. */
  private Object connect(String node) {
    Optional<Path> path = find(node);
    if (path.isEmpty()) {
      return System.nanoTime();
    }
    try {
      SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      ch.connect(UnixDomainSocketAddress.of(path.get()));
      ch.setOption(java.net.StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
      Out o = new Out(ch);
      // First message: who writes here, so the reader can tell when this JVM's data is all read.
      if (!o.write("", ByteBuffer.wrap(selfNode.getBytes(StandardCharsets.UTF_8)))) {
        return System.nanoTime();
      }
      lingerAtExitOnce();
      return o;
    } catch (IOException e) {
      return System.nanoTime();
    }
  }

  /**
   * At exit, before this JVM leaves the cluster, each connection is shut for writing and this JVM
   * waits until the other side has read to its end (it closes the connection then), 2 s at most.
   * Without that, a JVM that writes its last message and exits can be reported dead before the
   * reader even accepted its connection, and the reader would see end-of-file first.
   */
  private void lingerAtExitOnce() {
    if (lingering.compareAndSet(false, true)) {
      dev.multiprocessing.impl.ExitSequence.atExit(this::linger);
    }
  }

  private io.vertx.core.Future<?> linger() {
    enabled = false;
    java.util.List<java.util.concurrent.CompletableFuture<Void>> all = new java.util.ArrayList<>();
    for (Object o : out.values()) {
      if (o instanceof Out c) {
        all.add(java.util.concurrent.CompletableFuture.runAsync(c::shutAndAwaitPeer, r -> daemon("mp-uds-linger", r)));
      }
    }
    return io.vertx.core.Future.fromCompletionStage(java.util.concurrent.CompletableFuture
        .allOf(all.toArray(java.util.concurrent.CompletableFuture[]::new))
        .completeOnTimeout(null, 2, java.util.concurrent.TimeUnit.SECONDS));
  }

  private Optional<Path> find(String node) {
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(root)) {
      for (Path dir : pids) {
        Path p = dir.resolve(node + ".sock");
        if (Files.exists(p)) {
          return Optional.of(p);
        }
      }
    } catch (IOException e) {
      // no directory: nobody listens
    }
    return Optional.empty();
  }

  /** Removes the socket directories of processes that no longer run (halted JVMs leave them). */
  private void sweep() throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(root)) {
      for (Path dir : pids) {
        long pid;
        try {
          pid = Long.parseLong(dir.getFileName().toString());
        } catch (NumberFormatException e) {
          continue;
        }
        if (ProcessHandle.of(pid).isEmpty()) {
          try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
          }
        }
      }
    }
  }

  private void accept(ServerSocketChannel server) {
    while (true) {
      try {
        SocketChannel ch = server.accept();
        ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
        Inbound in = new Inbound(ch);
        daemon(READER, in::run);
      } catch (IOException e) {
        return;
      }
    }
  }

  /**
   * Completes once everything that the JVM of {@code node} wrote to this JVM's socket has been
   * read (its connection ended), at once if it never wrote here, and after 5 s at most. A pipe end
   * takes its peer's death as end-of-file only then: the death is announced over the event bus,
   * which may overtake the last frames still in the socket.
   */
  static io.vertx.core.Future<Void> drained(io.vertx.core.Vertx vertx, String node) {
    io.vertx.core.Future<Void> all = Inbound.drained(node);
    if (all.isComplete()) {
      return all;
    }
    io.vertx.core.Promise<Void> bounded = io.vertx.core.Promise.promise();
    long timer = vertx.setTimer(5_000, t -> bounded.tryComplete());
    all.onComplete(x -> {
      vertx.cancelTimer(timer);
      bounded.tryComplete();
    });
    return bounded.future();
  }

  /** The switch {@code -Dmultiprocessing.pipes.eventBusOnly=true}, read at each send (tests flip it). */
  private static boolean eventBusOnly() {
    return Boolean.getBoolean(dev.multiprocessing.impl.ChildLauncher.EVENT_BUS_ONLY);
  }

  /** Whether the caller is a socket reader, which must never write (see the class comment). */
  static boolean isReaderThread() {
    return FrameReader.delivering() || Thread.currentThread().getName().equals(READER);
  }

  private static void daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  /** One connection to another JVM; a whole message is written under the lock. */
  private static final class Out {
    final SocketChannel ch;
    final ReentrantLock lock = new ReentrantLock();

    Out(SocketChannel ch) {
      this.ch = ch;
    }

    boolean write(String inbox, ByteBuffer... frames) {
      byte[] name = inbox.getBytes(StandardCharsets.UTF_8);
      int size = 0;
      for (ByteBuffer f : frames) {
        size += f.remaining();
      }
      ByteBuffer head = ByteBuffer.allocate(6 + name.length);
      head.putInt(2 + name.length + size).putShort((short) name.length).put(name).flip();
      ByteBuffer[] parts = new ByteBuffer[frames.length + 1];
      parts[0] = head;
      System.arraycopy(frames, 0, parts, 1, frames.length);
      lock.lock();
      try {
        long left = 6L + name.length + size;
        while (left > 0) {
          left -= ch.write(parts);
        }
        return true;
      } catch (IOException e) {
        return false;
      } finally {
        lock.unlock();
      }
    }

    /** No more writes; returns once the reader closed its side (it has read everything). */
    void shutAndAwaitPeer() {
      lock.lock();
      try {
        ch.shutdownOutput();
      } catch (IOException e) {
        return;
      } finally {
        lock.unlock();
      }
      try {
        ByteBuffer sink = ByteBuffer.allocate(16);
        while (ch.read(sink) >= 0) {
          sink.clear();
        }
      } catch (IOException e) {
        // the reader's side is gone: nothing left to wait for
      }
    }
  }
}
