package dev.multiprocessing.connection.impl;

import dev.multiprocessing.EOFError;
import dev.multiprocessing.ProcessError;
import dev.multiprocessing.impl.MpRuntime;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * One end of a pipe: an inbox address on the event bus, and the state of both directions.
 *
 * <p>Design. Messages are numbered by their sender, so the receiver can restore order when the
 * two ends' paths change: an end handed to another process (see {@link PipeHandle}) takes its
 * unread messages along, its old holder forwards whatever still arrives at the old address, and
 * the peer is told the new address; numbering makes the interleaving of forwarded and direct
 * messages harmless. Flow control is by credit: a sender may have at most {@link #WINDOW_MSGS}
 * messages and {@link #WINDOW_BYTES} bytes unacknowledged (one larger message alone is allowed);
 * the receiver grants credit back as the user reads. Sends from user threads are appended to one
 * buffer and flushed by this end's event-loop context, so a burst of small messages becomes one
 * event-bus message. Every piece of state is guarded by {@link #lock}; blocking callers wait on
 * {@link #changed}, asynchronous ones are queued and completed in order.
 */
public final class PipeEnd {

  static final int WINDOW_MSGS = 8192;
  static final long WINDOW_BYTES = 4L << 20;
  /** A flush sends at most this much per event-bus message (larger frames go alone). */
  static final int BATCH_BYTES = 256 << 10;
  /** Sends closer together than this, with no message taken in between, are a burst, and batched. */
  static final long BURST_NANOS = 50_000;

  final String pipeId;
  final int side;
  final boolean readable;
  final boolean writable;
  private final MpRuntime rt;
  private final Context ctx;
  private final String inbox;
  private final EndLock lock = new EndLock();
  private final Condition changed = lock.newCondition();
  private MessageConsumer<Buffer> consumer;

  private String peer;
  /** The JVM where {@link #peer}, the address, lives (it differs from peerNode during a move). */
  private String peerInboxNode;
  private String peerNode;
  private boolean peerMoving;
  /** How many times this end moved; the peer's latest known and announced-moving epochs. */
  private long epoch;
  private long peerEpoch;
  private long movingEpoch;
  private boolean peerClosed;
  private long sendSeq;
  private long outMsgs;
  private long outBytes;
  private Buffer outgoing;
  private final ArrayDeque<Buffer> full = new ArrayDeque<>();
  private boolean flushScheduled;
  private long lastSend;
  /**
   * Whether a message was taken here since the last send: a send that answers a message is a
   * request-reply exchange, sent at once however soon it follows the last send (on a fast
   * machine a round trip can take less than {@link #BURST_NANOS}, and batching it through the
   * context would add a hop to every reply).
   */
  private boolean tookSinceSend;
  private final ArrayDeque<PendingSend> pendingSends = new ArrayDeque<>();

  private long recvNext;
  private final TreeMap<Long, byte[]> early = new TreeMap<>();
  private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
  private final ArrayDeque<Promise<byte[]>> readers = new ArrayDeque<>();
  private final List<Promise<Void>> readyWatchers = new ArrayList<>();
  private long closeAt = -1;
  private boolean peerDead;
  private long creditMsgs;
  /** A WANT went to the peer since the last CREDIT came (this end waits to send). */
  private boolean wantSent;
  /** The peer waits for credit: grant at the next take, whatever the quarter-window rule says. */
  private boolean grantOnTake;
  private long creditBytes;

  private boolean closed;
  private boolean moved;
  private String forwardTo;
  private String forwardToNode;
  private final List<Buffer> backlog = new ArrayList<>();
  private String unreadable;

  /**
   * Frames to send from this thread once the lock is released (a socket write may block):
   * {@link Buffer}s or {@link Large}s.
   */
  private final List<Object> direct = new ArrayList<>();

  private static final boolean MAY_SPIN = Runtime.getRuntime().availableProcessors() > 1;
  private static final long SPIN_NANOS = 30_000;
  /** Spins in a row that found nothing before spinning stops; then one recv in SPIN_RETRY tries again. */
  private static final int SPIN_MISSES = 3;
  private static final int SPIN_RETRY = 64;
  private int spinMisses;
  private int spinSkips;

  /** The selector a blocked {@code recv} waits in while it reads the socket itself ({@link Inbound}), and its thread. */
  private java.nio.channels.Selector selecting;
  private Thread selectingThread;

  /**
   * A large data frame sent from the caller's array: written before {@code send} returns, so the
   * array needs no copy (its contents are what the caller passed, as long as the call lasts).
   */
  private record Large(long seq, byte[] data, int offset, int length) {
    Buffer asFrame() {
      return Frames.frame(Frames.DATA, seq, data, offset, length);
    }
  }

  private record PendingSend(byte[] data, Promise<Void> promise) {}

  private PipeEnd(MpRuntime rt, String pipeId, int side, boolean readable, boolean writable) {
    this.rt = rt;
    this.pipeId = pipeId;
    this.side = side;
    this.readable = readable;
    this.writable = writable;
    this.ctx = rt.vertx().getOrCreateContext();
    this.inbox = "mp.pipe." + pipeId + "." + side + "." + UUID.randomUUID().toString().substring(0, 8);
  }

  private static volatile java.util.function.Function<PipeEnd, Object> wrapper;

  /** The public {@code Connection} registers how to wrap an end (keeps this package out of its API). */
  public static void wrapper(java.util.function.Function<PipeEnd, Object> w) {
    wrapper = w;
  }

  static Object wrap(PipeEnd e) {
    if (wrapper == null) {
      try {
        Class.forName("dev.multiprocessing.connection.Connection", true, PipeEnd.class.getClassLoader());
      } catch (ClassNotFoundException ex) {
        throw new IllegalStateException(ex);
      }
    }
    return wrapper.apply(e);
  }

  public boolean isReadable() {
    return readable;
  }

  public boolean isWritable() {
    return writable;
  }

  @Override
  public String toString() {
    return "pipe " + pipeId.substring(0, 8) + " end " + side + (readable ? " r" : "") + (writable ? "w" : "");
  }

  /** A new pipe in this JVM: both ends registered before this returns (future). */
  public static Future<PipeEnd[]> create(MpRuntime rt, boolean duplex) {
    String id = UUID.randomUUID().toString();
    PipeEnd a = new PipeEnd(rt, id, 0, true, duplex);
    PipeEnd b = new PipeEnd(rt, id, 1, duplex, true);
    a.peer = b.inbox;
    b.peer = a.inbox;
    a.peerNode = rt.nodeId();
    b.peerNode = rt.nodeId();
    a.peerInboxNode = rt.nodeId();
    b.peerInboxNode = rt.nodeId();
    return Future.all(a.listen(), b.listen()).map(x -> new PipeEnd[] {a, b});
  }

  /** Rebuilds an end handed over from another process. */
  static PipeEnd adopt(PipeHandle h) {
    MpRuntime rt = MpRuntime.get();
    PipeEnd e = new PipeEnd(rt, h.pipeId(), h.side(), h.readable(), h.writable());
    e.peer = h.peer();
    e.peerNode = h.peerNode();
    e.peerInboxNode = h.peerInboxNode();
    e.peerMoving = h.peerMoving();
    e.epoch = h.epoch();
    e.peerEpoch = h.peerEpoch();
    e.movingEpoch = h.movingEpoch();
    e.sendSeq = h.sendSeq();
    e.outMsgs = h.outMsgs();
    e.outBytes = h.outBytes();
    e.recvNext = h.recvNext();
    e.closeAt = h.closeAt();
    e.grantOnTake = true; // a WANT the old holder had not answered yet is not lost
    for (int i = 0; i < h.pendingSeqs().size(); i++) {
      e.early.put(h.pendingSeqs().get(i), h.pendingData().get(i));
    }
    e.drainEarly();
    e.announceHolder("");
    // Announce even if the event-bus registration failed: the socket path may still reach us.
    e.listen().onComplete(x -> e.announce(h.oldInbox()));
    return e;
  }

  private Future<Void> listen() {
    LocalChannels.get(rt.nodeId()); // listen on this host's socket before any peer looks for it
    consumer = rt.vertx().eventBus().<Buffer>consumer(inbox, m -> onBuffer(m.body()));
    LocalChannels.INBOXES.put(inbox, this);
    watchPeer(peerNode);
    return consumer.completion();
  }

  /** After adoption, once our inbox is registered: the old holder forwards to us, the peer sends to us. */
  private void announce(String oldInbox) {
    Buffer claim = Buffer.buffer();
    Frames.append(claim, Frames.CLAIM, 0, inbox + "|" + rt.nodeId());
    rt.vertx().eventBus().send(oldInbox, claim);
    announceHolder(inbox);
  }

  /**
   * Tells the peer who holds this end now ({@code address} empty: keep using the old address,
   * which forwards). Sent at once on adoption, ahead of any data, so that the peer watches the
   * right JVM for death even if this one dies before its inbox is registered.
   */
  private void announceHolder(String address) {
    lock.lock();
    try {
      enqueue(Frames.MOVED, epoch, (address + "|" + rt.nodeId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      unlockAndSend();
    }
  }

  private void watchPeer(String node) {
    rt.onNodeLeft(node, () -> LocalChannels.drained(rt.vertx(), node).onComplete(x -> {
      lock.lock();
      try {
        if (node.equals(peerNode) && !peerMoving) {
          peerDead = true;
          changedLocked();
        }
      } finally {
        lock.unlock();
      }
    }));
  }

  // ---------------------------------------------------------------- sending

  /** Sends one message, waiting for credit. */
  public void send(byte[] data, double timeoutSeconds) {
    send(data, 0, data.length, timeoutSeconds);
  }

  /** Sends {@code length} bytes of {@code data} from {@code offset} as one message (copied once, now). */
  public void send(byte[] data, int offset, int length, double timeoutSeconds) {
    lock.lock();
    try {
      checkWritable();
      long deadline = System.nanoTime() + (long) Math.min(timeoutSeconds * 1e9, Long.MAX_VALUE / 4.0);
      while (!pendingSends.isEmpty() || !hasCredit(length)) {
        askCreditLocked(length);
        needPeerFramesLocked();
        if (!changed.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
            && System.nanoTime() >= deadline) {
          throw new dev.multiprocessing.TimeoutError("send timed out waiting for the receiver");
        }
        checkWritable();
      }
      // The caller waits in this call until unlockAndSend has written: its array may go as it is.
      sendLocked(data, offset, length, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProcessError("send interrupted", e);
    } finally {
      unlockAndSend();
    }
  }

  /** Sends one message; the future completes once it is on its way (credit obtained). */
  public Future<Void> sendAsync(byte[] data) {
    lock.lock();
    try {
      checkWritable();
      if (pendingSends.isEmpty() && hasCredit(data.length)) {
        sendLocked(data, 0, data.length, false);
        return Future.succeededFuture();
      }
      Promise<Void> p = Promise.promise();
      pendingSends.add(new PendingSend(data, p));
      askCreditLocked(pendingSends.peek().data().length);
      needPeerFramesLocked();
      return p.future();
    } finally {
      unlockAndSend();
    }
  }

  private boolean hasCredit(int len) {
    return outMsgs == 0 || (outMsgs < WINDOW_MSGS && outBytes + len <= WINDOW_BYTES);
  }

  /** {@code callerWaits}: the caller's thread stays in the call until the frame is written (see {@link Large}). */
  private void sendLocked(byte[] data, int offset, int length, boolean callerWaits) {
    outMsgs++;
    outBytes += length;
    enqueue(Frames.DATA, sendSeq++, data, offset, length, callerWaits);
  }

  private void checkWritable() {
    checkOpen();
    if (!writable) {
      throw new IllegalStateException("connection is read-only: this end of a one-way Pipe only receives");
    }
    if (peerClosed) {
      throw new ProcessError("broken pipe: the other end of the connection is closed");
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("handle is closed: the connection was closed");
    }
    if (moved) {
      throw new IllegalStateException("connection was handed to another process and is no longer usable here");
    }
  }

  private void enqueue(byte type, long seq, byte[] payload) {
    enqueue(type, seq, payload, 0, payload.length, false);
  }

  /**
   * Appends a frame. An idle pipe (nothing waiting to be flushed, last send long enough ago) sends
   * it at once from this thread, which saves a hand-off in request-reply patterns; a burst is
   * appended to one buffer that the context flushes as one event-bus message, cut every
   * {@link #BATCH_BYTES} so that large messages stream. Frames may overtake each other on the two
   * paths; sequence numbers put them back in order. A large data frame sent at once, for a caller
   * that waits until it is written, goes from the caller's array ({@link Large}).
   */
  private void enqueue(byte type, long seq, byte[] payload, int offset, int length, boolean callerWaits) {
    long now = System.nanoTime();
    boolean idle = outgoing == null && full.isEmpty() && !flushScheduled
        && (tookSinceSend || now - lastSend > BURST_NANOS);
    lastSend = now;
    tookSinceSend = false;
    if (idle && !LocalChannels.isReaderThread()) {
      boolean large = callerWaits && type == Frames.DATA && length >= Frames.LARGE;
      direct.add(large ? new Large(seq, payload, offset, length) : Frames.frame(type, seq, payload, offset, length));
      return;
    }
    if (outgoing != null && outgoing.length() + length > BATCH_BYTES) {
      full.add(outgoing);
      outgoing = null;
    }
    if (outgoing == null) {
      outgoing = Buffer.buffer(Math.max(256, Math.min(BATCH_BYTES, length + Frames.HEADER)));
    }
    Frames.append(outgoing, type, seq, payload, offset, length);
    scheduleFlush();
  }

  private void scheduleFlush() {
    if (!flushScheduled) {
      flushScheduled = true;
      ctx.runOnContext(v -> flush());
    }
  }

  private void flush() {
    List<Buffer> out = new ArrayList<>();
    String to;
    String toNode;
    lock.lock();
    try {
      out.addAll(full);
      full.clear();
      if (outgoing != null) {
        out.add(outgoing);
      }
      outgoing = null;
      flushScheduled = false;
      to = peer;
      toNode = peerInboxNode;
    } finally {
      lock.unlock();
    }
    for (Buffer b : out) {
      transmit(to, toNode, b);
    }
  }

  /**
   * Releases the lock, then sends the frames that {@link #enqueue} kept for this thread. A socket
   * write may block until the peer's reader drains it, and that reader may need the peer end's
   * lock: writing outside our lock means two JVMs can never wait for each other in a circle.
   */
  private void unlockAndSend() {
    List<Object> out = null;
    String to = peer;
    String toNode = peerInboxNode;
    if (!direct.isEmpty()) {
      out = new ArrayList<>(direct);
      direct.clear();
    }
    lock.unlock();
    if (out != null) {
      for (Object b : out) {
        if (b instanceof Large l) {
          transmitLarge(to, toNode, l);
        } else {
          transmit(to, toNode, (Buffer) b);
        }
      }
    }
  }

  private void transmitLarge(String to, String toNode, Large l) {
    boolean sent;
    if (toNode.equals(rt.nodeId())) {
      sent = mayDeliverHere() && FrameReader.deliverHere(to,
          end -> end.onChannelData(l.seq(), java.util.Arrays.copyOfRange(l.data(), l.offset(), l.offset() + l.length())));
    } else {
      sent = LocalChannels.get(rt.nodeId()).send(toNode, to, Frames.DATA, l.seq(), l.data(), l.offset(), l.length());
    }
    if (!sent) {
      rt.vertx().eventBus().send(to, l.asFrame());
    }
  }

  /**
   * To an end of this JVM at once (Python's {@code send} has written when it returns), over this
   * host's socket when the peer's JVM runs here, else over the event bus.
   */
  private void transmit(String to, String toNode, Buffer frames) {
    boolean sent;
    if (toNode.equals(rt.nodeId())) {
      sent = mayDeliverHere() && FrameReader.deliverHere(to, end -> end.onChannelBuffer(frames));
    } else {
      sent = LocalChannels.get(rt.nodeId()).send(toNode, to, frames);
    }
    if (!sent) {
      rt.vertx().eventBus().send(to, frames);
    }
  }

  /**
   * Whether this thread may hand frames straight to an end of this JVM (taking its lock): not while
   * it holds an end's lock (a callback run under one: two such threads could wait for each other's
   * ends) nor while it hands over frames itself. Then the event bus carries them, later.
   */
  private static boolean mayDeliverHere() {
    return EndLock.heldByThisThread() == 0 && !FrameReader.delivering();
  }

  // ---------------------------------------------------------------- receiving

  private void onBuffer(Buffer buf) {
    lock.lock();
    try {
      if (acceptLocked(buf)) {
        changedLocked();
      }
    } finally {
      unlockAndSend();
    }
  }

  /**
   * Frames that came over this host's socket, on its reader thread: handled here, without a hop
   * to the context, so that a blocked {@code recv} wakes at once; futures are completed on the
   * context, where event-bus deliveries complete them.
   */
  void onChannelBuffer(Buffer buf) {
    lock.lock();
    try {
      if (acceptLocked(buf)) {
        wakeFromChannelLocked();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * One large message that the socket reader read straight into its own array (no copy here).
   * A moved end forwards it as a frame, like any other.
   */
  void onChannelData(long seq, byte[] payload) {
    lock.lock();
    try {
      if (moved) {
        forward(Frames.frame(Frames.DATA, seq, payload, 0, payload.length));
        return;
      }
      onData(seq, payload);
      wakeFromChannelLocked();
    } finally {
      lock.unlock();
    }
  }

  private void wakeFromChannelLocked() {
    changed.signalAll();
    wakeSelectingLocked();
    if (!readers.isEmpty() || !readyWatchers.isEmpty()) {
      ctx.runOnContext(v -> onBuffer(Buffer.buffer()));
    }
  }

  /** Applies the frames, or forwards them when this end has moved (then false). */
  private boolean acceptLocked(Buffer buf) {
    if (moved) {
      forward(buf);
      return false;
    }
    Frames.each(buf, this::onFrame);
    return true;
  }

  /**
   * This end moved: frames that still come here go to its new holder, in arrival order, from the
   * context (a socket reader must not write). Until the new holder's CLAIM tells where it
   * listens ({@code address|node}), they wait here.
   */
  private void forward(Buffer buf) {
    if (buf.length() > 0 && buf.getByte(0) == Frames.CLAIM) {
      String[] where = Frames.text(buf, Frames.HEADER, buf.getInt(9)).split("\\|", -1);
      forwardTo = where[0];
      forwardToNode = where.length > 1 ? where[1] : rt.nodeId();
      List<Buffer> late = new ArrayList<>(backlog);
      backlog.clear();
      late.forEach(this::forwardLater);
    } else if (forwardTo != null) {
      forwardLater(buf);
    } else {
      backlog.add(buf);
    }
  }

  private void forwardLater(Buffer buf) {
    String to = forwardTo;
    String node = forwardToNode;
    ctx.runOnContext(v -> transmit(to, node, buf));
  }

  private void onFrame(byte type, long seq, Buffer buf, int start, int len) {
    switch (type) {
      case Frames.DATA:
        if (seq >= recvNext) {
          onData(seq, buf.getBytes(start, start + len));
        }
        break;
      case Frames.CLOSE:
        closeAt = seq;
        peerClosed = true;
        break;
      case Frames.CREDIT:
        outMsgs -= seq;
        outBytes -= buf.getLong(start);
        wantSent = false;
        releasePendingSends();
        break;
      case Frames.WANT:
        if (creditMsgs > 0) {
          grantCreditLocked();
        } else {
          grantOnTake = true;
        }
        break;
      case Frames.MOVING:
        if (seq > peerEpoch) {
          peerMoving = true;
          movingEpoch = Math.max(movingEpoch, seq);
        }
        break;
      case Frames.MOVED:
        onMoved(seq, Frames.text(buf, start, len));
        break;
      default:
        break;
    }
  }

  /** The peer now lives elsewhere; MOVED and MOVING may arrive in either order, epochs sort them. */
  private void onMoved(long peerNewEpoch, String where) {
    String[] parts = where.split("\\|", -1);
    String address = parts[0];
    String node = parts[1];
    if (peerNewEpoch > peerEpoch || (peerNewEpoch == peerEpoch && !address.isEmpty())) {
      peerEpoch = peerNewEpoch;
      if (!address.isEmpty()) {
        peer = address;
      }
      if (!address.isEmpty()) {
        peerInboxNode = node;
      }
      if (!node.equals(peerNode)) {
        peerNode = node;
        watchPeer(node);
      }
    }
    if (movingEpoch <= peerEpoch) {
      peerMoving = false;
    }
  }

  /** A message numbered {@code seq}; under the lock. */
  private void onData(long seq, byte[] payload) {
    if (seq == recvNext && early.isEmpty()) {
      ready.add(payload);
      recvNext++;
    } else if (seq >= recvNext) {
      // Out of order (another path was faster): keep it until the gap fills. A frame equal to
      // recvNext while later ones wait is the one that fills it.
      early.put(seq, payload);
      drainEarly();
    }
  }

  private void drainEarly() {
    Map.Entry<Long, byte[]> e;
    while ((e = early.firstEntry()) != null && e.getKey() == recvNext) {
      early.pollFirstEntry();
      ready.add(e.getValue());
      recvNext++;
    }
  }

  private void releasePendingSends() {
    PendingSend s;
    while ((s = pendingSends.peek()) != null && hasCredit(s.data().length)) {
      pendingSends.poll();
      sendLocked(s.data(), 0, s.data().length, false);
      s.promise().complete();
    }
    if (!pendingSends.isEmpty()) {
      askCreditLocked(pendingSends.peek().data().length);
    }
  }

  /** Wakes blocking waiters and completes async readers and watchers, in order. */
  private void changedLocked() {
    changed.signalAll();
    wakeSelectingLocked();
    while (!readers.isEmpty() && (!ready.isEmpty() || eofLocked())) {
      Promise<byte[]> r = readers.poll();
      if (!ready.isEmpty()) {
        r.complete(takeLocked());
      } else {
        r.fail(eofError());
      }
    }
    if (!readyWatchers.isEmpty() && (!ready.isEmpty() || eofLocked() || closed)) {
      List<Promise<Void>> ws = new ArrayList<>(readyWatchers);
      readyWatchers.clear();
      ws.forEach(Promise::tryComplete);
    }
  }

  /** A {@code recv} that reads the socket itself waits in a selector, not on {@link #changed}. */
  private void wakeSelectingLocked() {
    if (selecting != null && selectingThread != Thread.currentThread()) {
      selecting.wakeup();
    }
  }

  /** Something other than a blocked {@code recv} waits for the peer's frames: they must be read now. */
  private void needPeerFramesLocked() {
    Inbound in = Inbound.from(peerNode);
    if (in != null) {
      in.revokeIfIdle();
    }
  }

  private boolean eofLocked() {
    return ready.isEmpty() && ((closeAt >= 0 && recvNext >= closeAt) || (peerDead && !peerMoving));
  }

  private EOFError eofError() {
    return new EOFError(peerDead && closeAt < 0
        ? "the process holding the other end of the connection died"
        : "the other end of the connection was closed");
  }

  private byte[] takeLocked() {
    byte[] m = ready.poll();
    tookSinceSend = true;
    creditMsgs++;
    creditBytes += m.length;
    if (grantOnTake || creditMsgs >= WINDOW_MSGS / 4 || creditBytes >= WINDOW_BYTES / 4) {
      grantCreditLocked();
    }
    return m;
  }

  private void grantCreditLocked() {
    Frames.appendCredit(controlOutgoingLocked(), creditMsgs, creditBytes);
    creditMsgs = 0;
    creditBytes = 0;
    grantOnTake = false;
    scheduleFlush();
  }

  /**
   * This end cannot send a message of {@code length} bytes until credit comes back. Credit flows
   * back every quarter window read, so once the reader has read everything, less than a quarter is
   * left unacknowledged: only a message larger than three quarters of the window can then still
   * wait. For one, this says so to the peer once (WANT), which grants what it has read at once, or
   * at its next read. That replaces a timer per read, which cost a wake-up of the event loop every
   * millisecond of a request-reply exchange. Through the context, as the caller may keep the lock
   * while it waits.
   */
  private void askCreditLocked(int length) {
    if (!wantSent && length > WINDOW_BYTES - WINDOW_BYTES / 4) {
      wantSent = true;
      Frames.append(controlOutgoingLocked(), Frames.WANT, 0, new byte[0]);
      scheduleFlush();
    }
  }

  /** The buffer the context flushes next, for a control frame (CREDIT, WANT). */
  private Buffer controlOutgoingLocked() {
    if (outgoing == null) {
      outgoing = Buffer.buffer(64);
    }
    return outgoing;
  }

  private void checkReadable() {
    checkOpen();
    if (!readable) {
      throw new IllegalStateException("connection is write-only: this end of a one-way Pipe only sends");
    }
    if (unreadable != null) {
      throw new IllegalStateException("connection is no longer readable: " + unreadable);
    }
  }

  /** Takes the next message, waiting up to {@code timeoutSeconds}; null on time-out. */
  public byte[] recv(double timeoutSeconds) {
    lock.lock();
    try {
      checkReadable();
      if (!awaitReadableLocked(timeoutSeconds)) {
        return null;
      }
      if (ready.isEmpty()) {
        // Nothing more comes for this end: the peer's connection goes back to its reader thread
        // now, not after the idle lease's 10 ms (the peer's JVM may be waiting at exit until
        // everything it wrote here has been read).
        needPeerFramesLocked();
        throw eofError();
      }
      return takeLocked();
    } finally {
      lock.unlock();
    }
  }

  /** Completes with the next message, or fails with {@link EOFError}. */
  public Future<byte[]> recvAsync() {
    lock.lock();
    try {
      checkReadable();
      if (readers.isEmpty() && !ready.isEmpty()) {
        return Future.succeededFuture(takeLocked());
      }
      if (readers.isEmpty() && eofLocked()) {
        return Future.failedFuture(eofError());
      }
      Promise<byte[]> p = Promise.promise();
      readers.add(p);
      needPeerFramesLocked();
      return p.future();
    } finally {
      lock.unlock();
    }
  }

  /** Python's poll: true when a message or EOF is waiting. */
  public boolean poll(double timeoutSeconds) {
    lock.lock();
    try {
      checkReadable();
      return awaitReadableLocked(timeoutSeconds);
    } finally {
      lock.unlock();
    }
  }

  /** Completes when {@link #poll} would return true (or the end is closed). */
  public Future<Void> readableFuture() {
    lock.lock();
    try {
      checkReadable();
      if (!ready.isEmpty() || eofLocked()) {
        return Future.succeededFuture();
      }
      Promise<Void> p = Promise.promise();
      readyWatchers.add(p);
      needPeerFramesLocked();
      return p.future();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until a message or EOF is here. When the peer's JVM writes to this JVM's socket and no
   * other thread is reading it, this thread reads it itself ({@link Inbound}); otherwise frames are
   * handed to it. Even with no time left it reads once: {@code poll()} sees what has arrived.
   */
  private boolean awaitReadableLocked(double timeoutSeconds) {
    long deadline = System.nanoTime() + (long) Math.min(Math.max(0, timeoutSeconds) * 1e9, Long.MAX_VALUE / 4.0);
    Inbound leased = null;
    long spinUntil = timeoutSeconds > 0 && spinningLocked() ? System.nanoTime() + SPIN_NANOS : 0;
    try {
      while (ready.isEmpty() && !eofLocked()) {
        long left = deadline - System.nanoTime();
        Inbound in = mayReadSelfLocked() ? Inbound.from(peerNode) : null;
        if (leased != null && leased != in) {
          leased.release();
          leased = null;
        }
        if (leased == null && in != null && in.lease()) {
          leased = in;
        }
        if (leased != null) {
          boolean spin = spinUntil != 0 && left > 0 && System.nanoTime() < spinUntil;
          if (!spin && spinUntil != 0) {
            spinMisses = Math.min(spinMisses + 1, SPIN_MISSES); // the spin found nothing in time
            spinUntil = 0;
          }
          readSelfLocked(leased, spin ? 0 : Math.max(0, left));
          if (spin) {
            if (!ready.isEmpty() || eofLocked()) {
              spinMisses = 0;
            }
            Thread.onSpinWait();
            continue;
          }
        } else if (left > 0) {
          awaitChangedLocked(in, left);
        }
        checkReadable();
        if (left <= 0 && ready.isEmpty() && !eofLocked()) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProcessError("interrupted while waiting for a message", e);
    } finally {
      if (leased != null) {
        leased.release();
      }
    }
  }

  /**
   * Whether a {@code recv} that reads the socket itself first polls it for {@link #SPIN_NANOS}
   * before it sleeps: only with more than one CPU (the peer must be able to answer meanwhile),
   * when this end has sent since it last took a message (it waits for a reply; the reader of a
   * stream finds data waiting, or waits longer than a spin), and while that has paid off lately.
   * Unpinned on this 2-CPU machine a ping-pong round trip then takes 10-15 µs instead of
   * 20-75 µs: when the two processes run on different CPUs, each wake-up otherwise crosses CPUs,
   * and an idle virtual CPU takes tens of µs to wake.
   */
  private boolean spinningLocked() {
    return MAY_SPIN && !tookSinceSend && (spinMisses < SPIN_MISSES || ++spinSkips % SPIN_RETRY == 0);
  }

  /**
   * Whether this thread may read the socket itself: the one end lock it holds is this end's, once
   * (a reader takes end locks to deliver), it is not handing frames over already, and no other
   * thread reads for this end.
   */
  private boolean mayReadSelfLocked() {
    return EndLock.heldByThisThread() == 1 && !FrameReader.delivering() && selecting == null;
  }

  /** Waits to be handed frames; while another thread reads {@code busy}, it knows to pass the lease on. */
  private void awaitChangedLocked(Inbound busy, long nanos) throws InterruptedException {
    if (busy != null) {
      busy.waitingWithoutLease(1);
    }
    try {
      changed.awaitNanos(nanos);
    } finally {
      if (busy != null) {
        busy.waitingWithoutLease(-1);
      }
    }
  }

  /** Reads the socket for up to {@code nanos}, without this end's lock (delivering frames takes it). */
  private void readSelfLocked(Inbound in, long nanos) throws InterruptedException {
    if (nanos > 0) {
      selecting = Inbound.waiterSelector();
      selectingThread = Thread.currentThread();
    }
    lock.unlock();
    try {
      in.readFor(nanos);
    } finally {
      lock.lock();
      selecting = null;
      selectingThread = null;
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  /** After a too-long message: Python leaves the connection unusable for reading. */
  public void markUnreadable(String why) {
    lock.lock();
    try {
      unreadable = why;
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- life cycle

  /** Closes this end: the peer sees EOF after what was sent. Closing a moved end does nothing. */
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (!moved) {
        enqueue(Frames.CLOSE, sendSeq, new byte[0]);
        LocalChannels.INBOXES.remove(inbox);
        ctx.runOnContext(v -> consumer.unregister());
      }
      for (PendingSend s : pendingSends) {
        s.promise().tryFail(new IllegalStateException("connection closed before the message could be sent"));
      }
      pendingSends.clear();
      for (Promise<byte[]> r : readers) {
        r.tryFail(new IllegalStateException("connection closed"));
      }
      readers.clear();
      changedLocked();
      needPeerFramesLocked(); // as for end of file in recv: no lease is kept for a closed end
    } finally {
      unlockAndSend();
    }
  }

  public boolean isClosed() {
    lock.lock();
    try {
      return closed || moved;
    } finally {
      lock.unlock();
    }
  }

  /** Hands this end to another process: returns its handle; this object is unusable afterwards. */
  public PipeHandle detach() {
    lock.lock();
    try {
      checkOpen();
      List<Long> seqs = new ArrayList<>();
      List<byte[]> data = new ArrayList<>();
      long firstPending = recvNext - ready.size();
      long seq = firstPending;
      for (byte[] m : ready) {
        seqs.add(seq++);
        data.add(m);
      }
      for (Map.Entry<Long, byte[]> e : early.entrySet()) {
        seqs.add(e.getKey());
        data.add(e.getValue());
      }
      if (creditMsgs > 0) {
        grantCreditLocked(); // what was read here is the sender's again; the new holder counts from 0
      }
      enqueue(Frames.MOVING, epoch + 1, new byte[0]);
      moved = true;
      PipeHandle h = new PipeHandle(pipeId, side, readable, writable, inbox, peer, peerInboxNode, peerNode, peerMoving,
          epoch + 1, peerEpoch, movingEpoch, sendSeq, outMsgs, outBytes, firstPending, seqs, data, closeAt);
      ready.clear();
      early.clear();
      for (PendingSend s : pendingSends) {
        s.promise().tryFail(new IllegalStateException("connection was handed to another process"));
      }
      pendingSends.clear();
      changedLocked();
      return h;
    } finally {
      unlockAndSend();
    }
  }
}
