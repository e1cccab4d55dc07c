package dev.multiprocessing.queues.impl;

import dev.multiprocessing.codecs.Pickled;
import dev.multiprocessing.impl.MpRuntime;
import dev.multiprocessing.queues.impl.QueueProtocol.*;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The state of one queue, kept by the JVM that created it, on one Vert.x context (so no locks).
 *
 * <p>Design. Producers' items arrive in batches and are appended to their producer's stream (one
 * deque per producing JVM); consumers state how far they want deliveries to go and are served in
 * the order they started waiting, each item to exactly one of them. Every delivered item stays
 * here, per consumer, until that consumer acknowledges it as consumed: when a consumer's JVM
 * leaves the cluster or hands its buffer back, its unacknowledged items return to the head of
 * their stream in their order.
 *
 * <p>Prefetch keeps each producer's order across consumers. A delivery beyond the callers a
 * consumer has waiting in {@code get} is prefetched: it may sit in that consumer's buffer for a
 * while. While a consumer holds prefetched items of a stream, the stream is bound to it: no other
 * consumer gets that stream's later items, so no one takes a later item of a producer while an
 * earlier one sits unread elsewhere (a consumer that stops at its sentinel cannot strand items
 * that another consumer, past its own sentinel, would have needed: mpbench's 2p2c protocol). A
 * consumer binds at most its share of the active streams, so that two producers and two
 * consumers pair up. Callers waiting in {@code get} are served before any prefetch, from any
 * stream not bound elsewhere; while one of them cannot be served because every stream with items
 * is bound to others, no prefetch is extended, so the holders drain, acknowledge, and let go.
 *
 * <p>A bounded queue grants
 * one slot per {@code put} ahead of the item, so that {@code put} blocks exactly as Python's
 * semaphore does; the count includes delivered but unacknowledged items, as Python counts items
 * not yet got. The home retires (unregisters its address) once its creator has closed the queue or
 * dropped it, no other JVM is attached, and no handle was handed out in the last 30 s.
 */
public final class QueueHome {

  /** The most items or bytes sent to a consumer in one event-bus message. */
  private static final int BATCH_ITEMS = 4096;
  private static final int BATCH_BYTES = 256 << 10;
  private static final long HANDLE_GRACE_MS = 30_000;

  /** One producing JVM's items in put order, and the consumer holding prefetched ones, if any. */
  private static final class Stream {
    final String producer;
    final ArrayDeque<byte[]> items = new ArrayDeque<>();
    Client holder;
    int held;

    Stream(String producer) {
      this.producer = producer;
    }
  }

  /** A delivered item awaiting its consumer's acknowledgement. */
  private record Sent(byte[] item, Stream stream, boolean prefetched) {}

  private static final class Client {
    final String id;
    final String node;
    final String inbox;
    final ArrayDeque<Sent> unacked = new ArrayDeque<>();
    long delivered;
    long acked;
    long limit;
    /** Deliveries below this running total go to callers waiting in get. */
    long getters;
    int gen;
    int grants;
    int streamsHeld;
    long recalledAt = -1;

    Client(String id, String node, String inbox) {
      this.id = id;
      this.node = node;
      this.inbox = inbox;
    }

    boolean wanting() {
      return limit > delivered;
    }

    /** The running total up to which deliveries go to callers waiting in get. */
    long forCallers() {
      return Math.min(getters, limit);
    }

    /** Whether a caller waits in get here that no delivery covers yet. */
    boolean starving() {
      return forCallers() > delivered;
    }
  }

  private record SlotWaiter(Client client, long req) {}

  public final String address;
  private final MpRuntime rt;
  private final Context ctx;
  private final int maxsize;
  private final Map<String, Stream> streams = new LinkedHashMap<>();
  /** Items at the home, in all streams. */
  private int queued;
  /** Where the next delivery starts looking, so that streams take turns. */
  private int cursor;
  private final Map<String, Client> clients = new LinkedHashMap<>();
  private final LinkedHashSet<Client> waiting = new LinkedHashSet<>();
  private final ArrayDeque<SlotWaiter> slotWaiters = new ArrayDeque<>();
  private final List<Message<Pickled>> joiners = new ArrayList<>();
  private long unackedTotal;
  private long unfinished;
  private int grantsOutstanding;
  private boolean creatorClosed;
  private volatile long lastHandedOut;
  private MessageConsumer<Pickled> consumer;
  private final Promise<Void> retired = Promise.promise();

  private QueueHome(MpRuntime rt, String address, int maxsize) {
    this.rt = rt;
    this.address = address;
    this.maxsize = maxsize;
    this.ctx = rt.vertx().getOrCreateContext();
  }

  /** A new home, listening once the future completes. */
  public static Future<QueueHome> create(MpRuntime rt, String address, int maxsize) {
    QueueHome h = new QueueHome(rt, address, maxsize);
    Promise<Void> registered = Promise.promise();
    h.ctx.runOnContext(v -> {
      h.consumer = rt.vertx().eventBus().consumer(address, h::onMessage);
      h.consumer.completion().onComplete(registered);
    });
    return registered.future().map(h);
  }

  /** A handle to this queue is on its way to another JVM: stay up for it a while even if closed. */
  public void handedOut() {
    lastHandedOut = System.currentTimeMillis();
  }

  /** Completes once the home has let go of its event-bus address. */
  public Future<Void> retired() {
    return retired.future();
  }

  /** The creator closed the queue or dropped it. */
  public void creatorClosed() {
    ctx.runOnContext(v -> {
      creatorClosed = true;
      maybeRetire();
    });
  }

  private void onMessage(Message<Pickled> m) {
    Object body = m.body().get();
    if (body instanceof Put p) {
      onPut(p);
    } else if (body instanceof Demand d) {
      onDemand(d);
    } else if (body instanceof Ack a) {
      Client c = clients.get(a.client());
      if (c != null) {
        consumed(c, a.consumed(), a.tasksDone());
        dispatch();
      }
    } else if (body instanceof Attach a) {
      onAttach(a);
    } else if (body instanceof Release r) {
      Client c = clients.get(r.client());
      if (c != null) {
        release(c, r.consumed(), r.tasksDone(), r.gen() + 1);
      }
    } else if (body instanceof SlotRequest s) {
      onSlotRequest(s);
    } else if (body instanceof SlotReturn s) {
      Client c = clients.get(s.client());
      if (c != null) {
        c.grants -= s.slots();
        grantsOutstanding -= s.slots();
        grantSlots();
      }
    } else {
      onRequest(m, body);
    }
  }

  private void onRequest(Message<Pickled> m, Object body) {
    if (body instanceof Stat) {
      m.reply(Pickled.of(new long[] {queued + unackedTotal, unfinished}));
    } else if (body instanceof Join) {
      if (unfinished == 0) {
        m.reply(null);
      } else {
        joiners.add(m);
      }
    } else if (body instanceof TaskDone) {
      if (unfinished <= 0) {
        m.fail(409, "task_done() called too many times");
      } else {
        tasksDone(1);
        m.reply(null);
      }
    } else if (body instanceof Detach d) {
      Client c = clients.get(d.client());
      if (c != null) {
        release(c, d.consumed(), d.tasksDone(), c.gen + 1);
        forget(c);
      }
      m.reply(null);
      maybeRetire();
    } else {
      m.fail(400, "unexpected queue message " + body.getClass().getName());
    }
  }

  private void onAttach(Attach a) {
    if (clients.containsKey(a.client())) {
      return;
    }
    Client c = new Client(a.client(), a.node(), a.inbox());
    clients.put(c.id, c);
    rt.onNodeLeft(c.node, () -> ctx.runOnContext(v -> clientDied(c)));
  }

  private void onPut(Put p) {
    Client c = clients.get(p.client());
    Stream s = streams.computeIfAbsent(p.client(), Stream::new);
    long bytes = 0;
    for (byte[] item : p.items()) {
      s.items.add(item);
      bytes += item.length;
    }
    queued += p.items().size();
    unfinished += p.items().size();
    grantsOutstanding -= p.slots();
    if (c != null) {
      c.grants -= p.slots();
      send(c, new PutAck(p.items().size(), bytes));
    }
    dispatch();
  }

  private void onDemand(Demand d) {
    Client c = clients.get(d.client());
    if (c == null) {
      return;
    }
    consumed(c, d.consumed(), d.tasksDone());
    c.recalledAt = -1;   // active again: if it comes to hold items someone needs, recall it anew
    if (d.gen() == c.gen) {
      c.limit = d.limit();
      c.getters = d.getters();
      if (c.wanting()) {
        waiting.add(c);
      }
    }
    dispatch();
    if (d.probe() != 0) {
      send(c, new ProbeDone(d.probe()));
    }
  }

  /** Applies a running total of consumed items (an acknowledgement) and checked task_done calls. */
  private void consumed(Client c, long consumed, int tasksDone) {
    long n = consumed - c.acked;
    for (long i = 0; i < n && !c.unacked.isEmpty(); i++) {
      unheld(c.unacked.poll());
      unackedTotal--;
    }
    c.acked = Math.max(c.acked, consumed);
    if (tasksDone > 0) {
      tasksDone(tasksDone);
    }
    if (n > 0) {
      grantSlots();
    }
  }

  private void tasksDone(int n) {
    unfinished = Math.max(0, unfinished - n);
    if (unfinished == 0 && !joiners.isEmpty()) {
      joiners.forEach(j -> j.reply(null));
      joiners.clear();
    }
  }

  /** Takes back everything delivered to {@code c} beyond {@code consumed}, in order, to the head. */
  private void release(Client c, long consumed, int tasksDone, int newGen) {
    consumed(c, consumed, tasksDone);
    requeue(c);
    c.delivered = c.acked;
    c.limit = c.acked;
    c.getters = c.acked;
    c.recalledAt = -1;
    c.gen = newGen;
    waiting.remove(c);
    dispatch();
  }

  private void requeue(Client c) {
    Iterator<Sent> back = c.unacked.descendingIterator();
    while (back.hasNext()) {
      Sent sent = back.next();
      // a stream that ran empty while none of it was prefetched may have been dropped meanwhile
      streams.computeIfAbsent(sent.stream().producer, Stream::new).items.addFirst(sent.item());
      unheld(sent);
    }
    queued += c.unacked.size();
    unackedTotal -= c.unacked.size();
    c.unacked.clear();
  }

  /** A prefetched item is no longer out: its stream is free once its holder has none left. */
  private static void unheld(Sent sent) {
    Stream s = sent.stream();
    if (sent.prefetched() && --s.held == 0) {
      s.holder.streamsHeld--;
      s.holder = null;
    }
  }

  private void clientDied(Client c) {
    if (clients.get(c.id) != c) {
      return;
    }
    requeue(c);
    forget(c);
    dispatch();
    maybeRetire();
  }

  private void forget(Client c) {
    clients.remove(c.id);
    waiting.remove(c);
    grantsOutstanding -= c.grants;
    c.grants = 0;
    slotWaiters.removeIf(w -> w.client() == c);
    grantSlots();
  }

  /**
   * Hands items to waiting consumers, longest waiting first: first to callers waiting in get, then,
   * unless one of those is left unserved, as prefetch. Asks idle holders to give back when a
   * caller waits in vain.
   */
  private void dispatch() {
    if (waiting.isEmpty()) {
      return;
    }
    boolean starving = false;
    for (Client c : waiting) {
      deliver(c, c.forCallers(), false);
      starving |= c.starving();
    }
    if (!starving) {
      for (Client c : waiting) {
        deliver(c, c.limit, true);
      }
    }
    waiting.removeIf(c -> !c.wanting());
    if (starving) {
      recallIdle();
    }
  }

  /** Delivers to {@code c} up to the running total {@code upTo}, in batches. */
  private void deliver(Client c, long upTo, boolean prefetchPhase) {
    while (c.delivered < upTo && queued > 0) {
      long n = Math.min(upTo - c.delivered, BATCH_ITEMS);
      List<byte[]> batch = new ArrayList<>((int) Math.min(n, queued));
      fill(c, batch, n);
      if (batch.isEmpty()) {
        return;   // every stream with items is bound to another consumer
      }
      send(c, new Items(c.gen, batch, consumers(), queued, prefetchPhase));
    }
  }

  /** Moves up to {@code n} items (and {@link #BATCH_BYTES}) from the streams open to {@code c} into {@code batch}. */
  private void fill(Client c, List<byte[]> batch, long n) {
    int bytes = 0;
    List<Stream> all = new ArrayList<>(streams.values());
    for (int k = 0; k < all.size() && batch.size() < n; k++) {
      Stream s = all.get(Math.floorMod(cursor + k, all.size()));
      while (batch.size() < n && !s.items.isEmpty() && (batch.isEmpty() || bytes + s.items.peek().length <= BATCH_BYTES)) {
        boolean prefetch = c.delivered >= c.getters;
        if (!openTo(s, c, prefetch)) {
          break;
        }
        byte[] item = s.items.poll();
        queued--;
        bytes += item.length;
        batch.add(item);
        c.unacked.add(new Sent(item, s, prefetch));
        unackedTotal++;
        c.delivered++;
        if (prefetch && s.held++ == 0) {
          s.holder = c;
          c.streamsHeld++;
        }
      }
      if (s.items.isEmpty() && s.holder == null) {
        streams.remove(s.producer, s);
      }
    }
    cursor = Math.floorMod(cursor + 1, Math.max(1, all.size()));
  }

  /**
   * Whether {@code c} may take the next item of {@code s}: not while another consumer holds
   * prefetched items of it, and as prefetch only within {@code c}'s share of the active streams.
   */
  private boolean openTo(Stream s, Client c, boolean prefetch) {
    if (s.holder != null) {
      return s.holder == c;
    }
    return !prefetch || c.streamsHeld < share();
  }

  /**
   * How many streams one consumer may hold: the active streams (with items or held) spread over
   * the active consumers (asking for items or holding some).
   */
  private int share() {
    int active = 0;
    for (Stream s : streams.values()) {
      if (!s.items.isEmpty() || s.holder != null) {
        active++;
      }
    }
    int consumers = 0;
    for (Client c : clients.values()) {
      if (c.wanting() || c.streamsHeld > 0) {
        consumers++;
      }
    }
    consumers = Math.max(1, consumers);
    return Math.max(1, (active + consumers - 1) / consumers);
  }

  /** How many clients have asked for items so far (consumers' windows depend on it). */
  private int consumers() {
    int n = 0;
    for (Client c : clients.values()) {
      if (c.limit > 0) {
        n++;
      }
    }
    return n;
  }

  /**
   * A caller waits in get in vain (the queue is empty, or what it holds is bound elsewhere): the
   * consumers holding delivered items are asked to give them back if they are idle.
   */
  private void recallIdle() {
    for (Client c : clients.values()) {
      if (!c.starving() && c.delivered > c.acked && c.recalledAt < c.delivered) {
        c.recalledAt = c.delivered;
        send(c, new Recall(c.gen));
      }
    }
  }

  private long freeSlots() {
    return maxsize - queued - unackedTotal - grantsOutstanding;
  }

  private void onSlotRequest(SlotRequest s) {
    Client c = clients.get(s.client());
    if (c == null) {
      return;
    }
    if (slotWaiters.isEmpty() && freeSlots() > 0) {
      grant(c, s.req());
    } else if (s.nowait()) {
      send(c, new SlotDenied(s.req()));
    } else {
      slotWaiters.add(new SlotWaiter(c, s.req()));
    }
  }

  private void grantSlots() {
    while (!slotWaiters.isEmpty() && freeSlots() > 0) {
      SlotWaiter w = slotWaiters.poll();
      grant(w.client(), w.req());
    }
  }

  private void grant(Client c, long req) {
    c.grants++;
    grantsOutstanding++;
    send(c, new SlotGrant(req));
  }

  private void send(Client c, Object msg) {
    rt.send(c.inbox, msg);
  }

  private void maybeRetire() {
    if (!creatorClosed || !clients.isEmpty() || consumer == null) {
      return;
    }
    long wait = lastHandedOut + HANDLE_GRACE_MS - System.currentTimeMillis();
    if (wait > 0) {
      rt.vertx().setTimer(wait, t -> maybeRetire());
      return;
    }
    consumer.unregister().onComplete(retired);
    consumer = null;
    streams.clear();
    queued = 0;
  }
}
