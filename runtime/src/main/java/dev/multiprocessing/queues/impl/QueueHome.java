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
 * <p>Design. Producers' items arrive in batches and are appended to one deque; consumers state
 * how far they want deliveries to go and are served in the order they started waiting, each item
 * to exactly one of them. Every delivered item stays here, per consumer, until that consumer
 * acknowledges it as consumed: when a consumer's JVM leaves the cluster or hands its buffer back,
 * its unacknowledged items return to the head of the queue in their order. A bounded queue grants
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

  private static final class Client {
    final String id;
    final String node;
    final String inbox;
    final ArrayDeque<byte[]> unacked = new ArrayDeque<>();
    long delivered;
    long acked;
    long limit;
    int gen;
    int grants;
    long recalledAt = -1;

    Client(String id, String node, String inbox) {
      this.id = id;
      this.node = node;
      this.inbox = inbox;
    }

    boolean wanting() {
      return limit > delivered;
    }
  }

  private record SlotWaiter(Client client, long req) {}

  public final String address;
  private final MpRuntime rt;
  private final Context ctx;
  private final int maxsize;
  private final ArrayDeque<byte[]> items = new ArrayDeque<>();
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
      m.reply(Pickled.of(new long[] {items.size() + unackedTotal, unfinished}));
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
    long bytes = 0;
    for (byte[] item : p.items()) {
      items.add(item);
      bytes += item.length;
    }
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
    if (d.gen() == c.gen) {
      c.limit = d.limit();
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
      c.unacked.poll();
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
    c.gen = newGen;
    waiting.remove(c);
    dispatch();
  }

  private void requeue(Client c) {
    Iterator<byte[]> back = c.unacked.descendingIterator();
    while (back.hasNext()) {
      items.addFirst(back.next());
    }
    unackedTotal -= c.unacked.size();
    c.unacked.clear();
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

  /** Hands items to waiting consumers, longest waiting first, then asks idle holders to give back. */
  private void dispatch() {
    Iterator<Client> it = waiting.iterator();
    while (it.hasNext() && !items.isEmpty()) {
      Client c = it.next();
      deliver(c);
      if (!c.wanting()) {
        it.remove();
      }
    }
    if (items.isEmpty() && !waiting.isEmpty()) {
      recallIdle();
    }
  }

  private void deliver(Client c) {
    while (c.wanting() && !items.isEmpty()) {
      long n = Math.min(c.limit - c.delivered, BATCH_ITEMS);
      List<byte[]> batch = new ArrayList<>((int) Math.min(n, items.size()));
      int bytes = 0;
      while (batch.size() < n && !items.isEmpty() && (batch.isEmpty() || bytes + items.peek().length <= BATCH_BYTES)) {
        byte[] item = items.poll();
        bytes += item.length;
        batch.add(item);
        c.unacked.add(item);
      }
      unackedTotal += batch.size();
      c.delivered += batch.size();
      send(c, new Items(c.gen, batch, consumers(), items.size()));
    }
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

  /** Consumers holding delivered items while another waits on an empty queue are asked to give back. */
  private void recallIdle() {
    for (Client c : clients.values()) {
      if (!c.wanting() && c.delivered > c.acked && c.recalledAt < c.delivered) {
        c.recalledAt = c.delivered;
        send(c, new Recall(c.gen));
      }
    }
  }

  private long freeSlots() {
    return maxsize - items.size() - unackedTotal - grantsOutstanding;
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
    items.clear();
  }
}
