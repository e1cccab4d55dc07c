package dev.multiprocessing.queues.impl;

import dev.multiprocessing.ProcessError;
import dev.multiprocessing.codecs.Pickled;
import dev.multiprocessing.impl.Blocking;
import dev.multiprocessing.impl.MpRuntime;
import dev.multiprocessing.queues.Empty;
import dev.multiprocessing.queues.Full;
import dev.multiprocessing.queues.impl.QueueProtocol.*;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One JVM's side of one queue, shared by every thread of that JVM: a producer outbox and a
 * consumer buffer, talking to the queue's {@link QueueHome} over the event bus.
 *
 * <p>Design. A {@code put} serializes its item in the caller's thread and appends it to the
 * outbox; this client's context flushes the outbox as one event-bus message per batch, so that a
 * burst costs one send, and in put order (all sends leave from that one context). A {@code get}
 * takes from the local buffer when it holds an item; otherwise it states a demand and waits. The
 * demand grows while this JVM drains its deliveries quickly (a prefetch window from 1 item,
 * doubling each time it runs dry, jumping to its share of the home's backlog when it takes items
 * in a tight loop, up to {@link #MAX_WINDOW}) and
 * falls back to one item for a slow consumer, so that a task queue shared by workers stays fair.
 * Consumption is acknowledged to the home right away for a slow consumer and within about a
 * millisecond for a fast one: until then, the home keeps the item and re-queues it if this JVM
 * dies. A {@code get} that cannot wait (no block,
 * or a timeout of zero or below) sends a probe behind its demand: the home answers it after
 * whatever it could deliver, so "empty" means the home had nothing it could give this consumer
 * (nothing at all, or only items bound to another consumer's prefetch), not that nothing was local.
 * All state is guarded by {@link #lock}; waiting callers are promises completed outside it.
 */
public final class QueueClient {

  static final int BATCH_BYTES = 256 << 10;
  static final int MAX_WINDOW = 8192;
  /**
   * A put less than this long after the last flush is part of a burst: it waits for
   * {@link #BATCH_ITEMS} items or a millisecond, so that a stream travels in large messages while
   * an occasional put (request-reply patterns: a round trip apart) still leaves at once.
   */
  static final long BURST_NANOS = 200_000;
  static final int BATCH_ITEMS = 256;
  /** A consumer that takes this long per item gets one item at a time (fair to the others). */
  private static final long SLOW_ITEM_NANOS = 1_000_000;
  /**
   * A consumer that takes less than this per item (a tight loop of gets) jumps to a window that
   * covers its share of the home's backlog instead of doubling one round trip at a time: a fresh
   * JVM's first round trips cost milliseconds each, and doubling from 1 cost 60-100 ms before a
   * benchmark's consumer reached full speed.
   */
  private static final long FAST_ITEM_NANOS = 100_000;
  /** What a consumer may have on its way or in its buffer, in bytes (its window shrinks to fit). */
  private static final long WINDOW_BYTES = 8 << 20;
  private static final long IDLE_NANOS = 1_000_000;
  private static final long REQUEST_TIMEOUT_MS = 365L * 24 * 3600 * 1000;
  private static final Set<QueueClient> OPEN = ConcurrentHashMap.newKeySet();

  static {
    dev.multiprocessing.impl.ExitSequence.atExit(QueueClient::closeAllAtExit);
  }

  private record PendingPut(byte[] item, Promise<Void> promise, long req, long timer) {}

  private static final class Getter {
    final Promise<byte[]> promise = Promise.promise();
    final long probe;
    long timer = -1;

    Getter(long probe) {
      this.probe = probe;
    }
  }

  public final String queueId;
  public final String homeAddress;
  public final String homeNode;
  public final int maxsize;
  private final MpRuntime rt;
  private final Context ctx;
  private final String clientId = UUID.randomUUID().toString();
  private final String inbox;
  private final Future<Void> ready;
  private final ReentrantLock lock = new ReentrantLock();
  private MessageConsumer<Pickled> detachedConsumer;

  private boolean closed;
  private String dead;
  private boolean noJoin;
  private Promise<Void> detached;

  private final ArrayList<byte[]> outbox = new ArrayList<>();
  private int outboxSlots;
  private long inFlight;
  private boolean flushScheduled;
  private boolean flushTimer;
  private long lastFlush;
  private final Map<Long, PendingPut> slotWaits = new HashMap<>();
  private final ArrayDeque<Object> control = new ArrayDeque<>();
  private long reqSeq;
  private final List<Promise<Void>> drainWatchers = new ArrayList<>();
  private final Set<Promise<?>> requests = ConcurrentHashMap.newKeySet();

  private final ArrayDeque<byte[]> buffer = new ArrayDeque<>();
  private final ArrayDeque<Getter> getters = new ArrayDeque<>();
  private int gen;
  private long received;
  private long consumed;
  private long ackedSent;
  private long limitSent;
  /** The running total below which deliveries go to callers waiting in get, as last told to the home. */
  private long gettersSent;
  private int window = 1;
  /**
   * When the caller last got an item back (0: it has called get since). The time from there to its
   * next get is the caller's own work per item; the window adapts to that, not to how long the
   * caller's thread took to wake after a delivery (milliseconds on a busy machine, which made a
   * fast consumer look slow and kept its window at one item).
   */
  private long userSince;
  private long userNanos;
  private int userItems;
  private int consumers = 1;
  /** Items left at the home after the last delivery, as it said then. */
  private int homeBacklog;
  private long receivedBytes;
  private long probeSeq;
  private long probeSent;
  private int tasksPending;
  private long localTasks;
  private long lastTake;
  /** A series of {@link #onRecall} checks is running; {@link #recallSeries} numbers them. */
  private boolean recallChecking;
  private long recallSeries;

  /** This JVM's side of the queue whose home listens at {@code homeAddress} in JVM {@code homeNode}. */
  public static QueueClient connect(MpRuntime rt, String queueId, String homeAddress, String homeNode, int maxsize) {
    return new QueueClient(rt, queueId, homeAddress, homeNode, maxsize);
  }

  private QueueClient(MpRuntime rt, String queueId, String homeAddress, String homeNode, int maxsize) {
    this.rt = rt;
    this.queueId = queueId;
    this.homeAddress = homeAddress;
    this.homeNode = homeNode;
    this.maxsize = maxsize;
    this.ctx = rt.vertx().getOrCreateContext();
    this.inbox = homeAddress + "." + clientId.substring(0, 8);
    Promise<Void> registered = Promise.promise();
    ctx.runOnContext(v -> {
      MessageConsumer<Pickled> c = rt.vertx().eventBus().consumer(inbox, m -> onInbox(m.body().get()));
      c.completion().onComplete(registered);
      detachedConsumer = c;
    });
    this.ready = registered.future().onSuccess(v -> rt.send(homeAddress, new Attach(clientId, rt.nodeId(), inbox)));
    OPEN.add(this);
    rt.onNodeLeft(homeNode, () -> die("the process that created this queue has exited (its JVM left the cluster)"));
  }

  // ---------------------------------------------------------------- put

  /** Appends an item (already serialized); the future completes once the put is done here. */
  public Future<Void> put(byte[] item, boolean block, double timeout) {
    lock.lock();
    try {
      checkUsable();
      if (maxsize <= 0) {
        addToOutbox(item, false);
        return Future.succeededFuture();
      }
      boolean nowait = !block || timeout <= 0;
      long req = ++reqSeq;
      Promise<Void> p = Promise.promise();
      long timer = nowait || Double.isInfinite(timeout) ? -1
          : rt.vertx().setTimer(Blocking.timerMillis(timeout), t -> putTimedOut(req));
      slotWaits.put(req, new PendingPut(item, p, req, timer));
      control.add(new SlotRequest(clientId, req, nowait));
      scheduleFlush();
      return p.future();
    } finally {
      lock.unlock();
    }
  }

  private void addToOutbox(byte[] item, boolean slot) {
    outbox.add(item);
    inFlight++;
    if (slot) {
      outboxSlots++;
    }
    if (System.nanoTime() - lastFlush > BURST_NANOS || outbox.size() >= BATCH_ITEMS) {
      scheduleFlush();
    } else if (!flushScheduled) {
      flushWithinMillisecond();
    }
  }

  private void putTimedOut(long req) {
    PendingPut pp;
    lock.lock();
    try {
      pp = slotWaits.remove(req);
    } finally {
      lock.unlock();
    }
    if (pp != null) {
      pp.promise().fail(new Full("put() timed out: the queue stayed full (maxsize " + maxsize + ")"));
    }
  }

  private void onSlot(long req, boolean granted) {
    PendingPut pp;
    lock.lock();
    try {
      pp = slotWaits.remove(req);
      if (pp == null) {
        if (granted) {
          control.add(new SlotReturn(clientId, 1));
          scheduleFlush();
        }
        return;
      }
      if (pp.timer() >= 0) {
        rt.vertx().cancelTimer(pp.timer());
      }
      if (granted) {
        addToOutbox(pp.item(), true);
      }
    } finally {
      lock.unlock();
    }
    if (granted) {
      pp.promise().complete();
    } else {
      pp.promise().fail(new Full("the queue is full (maxsize " + maxsize + ")"));
    }
  }

  // ---------------------------------------------------------------- get

  /** Takes the next item for this JVM; fails with {@link Empty} when none comes in time. */
  public Future<byte[]> get(boolean block, double timeout) {
    lock.lock();
    try {
      checkUsable();
      long now = System.nanoTime();
      if (userSince != 0) {
        userNanos += now - userSince;
        userItems++;
        userSince = 0;
      }
      byte[] item = buffer.poll();
      if (item != null) {
        took(now);
        return Future.succeededFuture(item);
      }
      adaptWindow();
      boolean nowait = !block || timeout <= 0;
      Getter g = new Getter(nowait ? ++probeSeq : 0);
      getters.add(g);
      if (!nowait && !Double.isInfinite(timeout)) {
        g.timer = rt.vertx().setTimer(Blocking.timerMillis(timeout), t -> getTimedOut(g));
      }
      scheduleFlush();
      return g.promise.future();
    } finally {
      lock.unlock();
    }
  }

  /** Bookkeeping for one item handed to a caller; under the lock. */
  private void took(long now) {
    lastTake = now;
    userSince = now;
    consumed++;
    localTasks++;
    if (window > 1 && buffer.size() <= window / 2 && limitSent == received) {
      scheduleFlush();
    } else {
      scheduleAck();
    }
  }

  /**
   * A get found nothing here: a consumer that used up its last delivery quickly asks for twice as
   * much next time (up to {@link #MAX_WINDOW} items and {@link #WINDOW_BYTES}), so that deliveries
   * cover the round trip to the home, and a very fast one its share of the home's backlog at once
   * ({@link #FAST_ITEM_NANOS}); one that spends a millisecond or more per item asks for one
   * item at a time, which keeps the items within reach of faster consumers.
   */
  private void adaptWindow() {
    if (userItems == 0) {
      return;   // nothing taken since the last adaptation: nothing learnt
    }
    long perItem = userNanos / userItems;
    userNanos = 0;
    userItems = 0;
    long avgBytes = received == 0 ? 1 : Math.max(1, receivedBytes / received);
    int max = (int) Math.max(1, Math.min(MAX_WINDOW, WINDOW_BYTES / avgBytes));
    int grown = window * 2;
    if (perItem < FAST_ITEM_NANOS) {
      grown = Math.max(grown, homeBacklog / Math.max(1, consumers));
    }
    window = perItem >= SLOW_ITEM_NANOS ? 1 : Math.min(grown, max);
  }

  /**
   * The caller of a get that waited runs again (called by the blocking face): its own time per
   * item is measured from here.
   */
  public void resumed() {
    lock.lock();
    try {
      userSince = System.nanoTime();
    } finally {
      lock.unlock();
    }
  }

  private void scheduleAck() {
    if (window <= 1) {
      scheduleFlush();
    } else {
      flushWithinMillisecond();
    }
  }

  /**
   * Puts of a burst and acknowledgements of fast gets leave together within a millisecond: one
   * timer, whichever asks first. Under the lock.
   */
  private void flushWithinMillisecond() {
    if (!flushTimer) {
      flushTimer = true;
      rt.vertx().setTimer(1, t -> {
        lock.lock();
        try {
          flushTimer = false;
          scheduleFlush();
        } finally {
          lock.unlock();
        }
      });
    }
  }

  private void getTimedOut(Getter g) {
    boolean removed;
    lock.lock();
    try {
      removed = getters.remove(g);
      if (removed) {
        callersLeft();
      }
    } finally {
      lock.unlock();
    }
    if (removed) {
      g.promise.fail(new Empty("get() timed out: the queue stayed empty"));
    }
  }

  private void onProbeDone(long probe) {
    List<Getter> empty = new ArrayList<>();
    lock.lock();
    try {
      for (Iterator<Getter> it = getters.iterator(); it.hasNext(); ) {
        Getter g = it.next();
        if (g.probe != 0 && g.probe <= probe) {
          it.remove();
          empty.add(g);
        }
      }
      if (!empty.isEmpty()) {
        callersLeft();
      }
    } finally {
      lock.unlock();
    }
    empty.forEach(g -> g.promise.fail(new Empty("the queue is empty")));
  }

  /**
   * Callers left without an item (a timeout, or a probe answered empty). The home takes the
   * deliveries it was told would meet waiting callers as taken on arrival, so they do not bind
   * their producer's stream; with fewer callers, one could now stay in the buffer unbound. So
   * everything on its way goes back and the demand starts afresh: at once while other callers
   * wait, and when nobody waits, if anything is on its way (other consumers get it).
   */
  private void callersLeft() {
    if (buffer.isEmpty() && (!getters.isEmpty() || limitSent > received)) {
      releaseBuffer();
    }
  }

  private void onItems(Items it) {
    List<Getter> served = new ArrayList<>();
    List<byte[]> handed = new ArrayList<>();
    lock.lock();
    try {
      if (it.gen() != gen || dead != null) {
        return;
      }
      received += it.items().size();
      if (it.prefetch() && recallChecking) {
        endRecallSeries();
      }
      consumers = it.consumers();
      homeBacklog = it.backlog();
      long now = System.nanoTime();
      for (byte[] item : it.items()) {
        receivedBytes += item.length;
        Getter g = getters.poll();
        if (g == null) {
          buffer.add(item);
          continue;
        }
        if (g.timer >= 0) {
          rt.vertx().cancelTimer(g.timer);
        }
        served.add(g);
        handed.add(item);
        consumed++;
        localTasks++;
        lastTake = now;
        userSince = now;   // until the blocking face says when its caller runs again
      }
      if (!served.isEmpty() || !getters.isEmpty()) {
        scheduleAck();
      }
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < served.size(); i++) {
      served.get(i).promise.complete(handed.get(i));
    }
  }

  /**
   * A caller waits in get elsewhere in vain (the queue is empty, or the items it could have are
   * bound to what this consumer prefetched) while items sit here or are on their way. A consumer
   * that is draining its buffer keeps it (handing it back would only make the two trade batches,
   * and the home extends nobody's prefetch meanwhile, so it runs dry and lets go); one that has not
   * taken an item for {@link #IDLE_NANOS} gives everything back. It looks again every 2 ms for as
   * long as it holds items: a consumer that stops at its sentinel with items still on their way,
   * or right after a check, must not keep them from the others until it exits. One series of
   * checks at a time; it ends when nothing is held here any more, when this consumer waits in get
   * itself (the home may recall it again after its next Demand), when it hands back, or when a
   * prefetch delivery shows that nobody waits in vain now (the home extends prefetch only then).
   */
  private void onRecall(Recall r) {
    lock.lock();
    try {
      if (recallChecking || r.gen() != gen) {
        return;
      }
      recallChecking = true;
      recheck(r, ++recallSeries);
    } finally {
      lock.unlock();
    }
  }

  /** One check of a recall series; under the lock. */
  private void recheck(Recall r, long series) {
    if (series != recallSeries) {
      return;   // ended by a prefetch delivery, or superseded
    }
    if (r.gen() != gen || dead != null || buffer.isEmpty() && (limitSent == received || !getters.isEmpty())) {
      // nothing held, or this consumer waits itself: its next Demand lets the home recall it again
      endRecallSeries();
      return;
    }
    if (getters.isEmpty() && System.nanoTime() - lastTake >= IDLE_NANOS) {
      releaseBuffer();   // ends the series
      return;
    }
    rt.vertx().setTimer(2, t -> {
      lock.lock();
      try {
        recheck(r, series);
      } finally {
        lock.unlock();
      }
    });
  }

  /** Stops the running series of recall checks (its pending timer finds a newer number); under the lock. */
  private void endRecallSeries() {
    recallChecking = false;
    recallSeries++;
  }

  /** Hands every received but unconsumed item back to the home; under the lock. */
  private void releaseBuffer() {
    control.add(new Release(clientId, gen, consumed, tasksPending));
    tasksPending = 0;
    ackedSent = consumed;
    gen++;
    endRecallSeries();   // a Recall for the new generation starts its own series
    buffer.clear();
    received = consumed;
    limitSent = consumed;
    gettersSent = consumed;
    window = 1;
    scheduleFlush();
  }

  // ---------------------------------------------------------------- flushing (on the context)

  private void scheduleFlush() {
    if (!flushScheduled) {
      flushScheduled = true;
      onContext(this::flush);
    }
  }

  private void onContext(Runnable r) {
    ctx.runOnContext(v -> {
      if (ready.isComplete()) {
        r.run();
      } else {
        ready.onComplete(x -> r.run());
      }
    });
  }

  private void flush() {
    List<Object> out = new ArrayList<>();
    lock.lock();
    try {
      flushScheduled = false;
      if (dead != null || ready.failed()) {
        return;
      }
      out.addAll(control);
      control.clear();
      if (!outbox.isEmpty()) {
        lastFlush = System.nanoTime();
      }
      drainOutbox(out);
      Object demand = consumerMessage();
      if (demand != null) {
        out.add(demand);
      }
    } finally {
      lock.unlock();
    }
    for (Object m : out) {
      rt.send(homeAddress, m);
    }
  }

  private void drainOutbox(List<Object> out) {
    int from = 0;
    while (from < outbox.size()) {
      int to = from;
      long bytes = 0;
      while (to < outbox.size() && (to == from || bytes + outbox.get(to).length <= BATCH_BYTES)) {
        bytes += outbox.get(to++).length;
      }
      int slots = Math.min(outboxSlots, to - from);
      outboxSlots -= slots;
      out.add(new Put(clientId, new ArrayList<>(outbox.subList(from, to)), slots));
      from = to;
    }
    outbox.clear();
  }

  /** The demand (or acknowledgement) this consumer should send now, if any; under the lock. */
  private Object consumerMessage() {
    long probe = probeSeq > probeSent ? probeSeq : 0;
    long want = 0;
    if (!getters.isEmpty() && buffer.isEmpty()) {
      want = Math.max(getters.size(), window);
    } else if (window > 1 && buffer.size() <= window / 2 && limitSent == received && consumed > 0) {
      want = window;
    }
    long limit = Math.max(limitSent, received + want);
    long waitingUpTo = buffer.isEmpty() ? Math.min(limit, received + getters.size()) : received;
    if (limit > limitSent || probe != 0 || waitingUpTo > gettersSent) {
      probeSent = probeSeq;
      limitSent = limit;
      gettersSent = Math.max(gettersSent, waitingUpTo);
      Object d = new Demand(clientId, gen, consumed, limit, gettersSent, probe, tasksPending);
      ackedSent = consumed;
      tasksPending = 0;
      return d;
    }
    if (consumed > ackedSent || tasksPending > 0) {
      Object a = new Ack(clientId, consumed, tasksPending);
      ackedSent = consumed;
      tasksPending = 0;
      return a;
    }
    return null;
  }

  private void onInbox(Object body) {
    if (body instanceof Items it) {
      onItems(it);
    } else if (body instanceof PutAck a) {
      onPutAck(a.count());
    } else if (body instanceof SlotGrant g) {
      onSlot(g.req(), true);
    } else if (body instanceof SlotDenied d) {
      onSlot(d.req(), false);
    } else if (body instanceof ProbeDone p) {
      onProbeDone(p.probe());
    } else if (body instanceof Recall r) {
      onRecall(r);
    }
  }

  private void onPutAck(int count) {
    List<Promise<Void>> done = List.of();
    lock.lock();
    try {
      inFlight -= count;
      if (inFlight == 0 && !drainWatchers.isEmpty()) {
        done = new ArrayList<>(drainWatchers);
        drainWatchers.clear();
      }
    } finally {
      lock.unlock();
    }
    done.forEach(Promise::complete);
  }

  // ---------------------------------------------------------------- requests to the home

  /** Sends {@code msg} as a request once everything put and consumed so far has been sent. */
  <T> Future<T> request(Object msg) {
    Promise<T> p = Promise.promise();
    lock.lock();
    try {
      checkUsable();
      requests.add(p);
    } finally {
      lock.unlock();
    }
    onContext(() -> {
      flush();
      rt.<T>request(homeAddress, msg, REQUEST_TIMEOUT_MS).onComplete(ar -> {
        requests.remove(p);
        if (ar.succeeded()) {
          p.tryComplete(ar.result());
        } else {
          p.tryFail(translate(ar.cause()));
        }
      });
    });
    return p.future();
  }

  private Throwable translate(Throwable t) {
    if (t instanceof ReplyException re && re.failureCode() == 409) {
      return new IllegalStateException(re.getMessage());
    }
    String why = dead != null ? dead : "the queue's home did not answer: " + t.getMessage();
    return new ProcessError(why, t);
  }

  /** {@code {qsize, unfinished tasks}} as the home counts them. */
  public Future<long[]> stat() {
    return request(new Stat());
  }

  public Future<Void> join() {
    return request(new Join());
  }

  /** Python's {@code task_done()}: checked here when this JVM got unfinished items, else at the home. */
  public Future<Void> taskDone() {
    lock.lock();
    try {
      checkUsable();
      if (localTasks > 0) {
        localTasks--;
        tasksPending++;
        scheduleAck();
        return Future.succeededFuture();
      }
    } finally {
      lock.unlock();
    }
    return request(new TaskDone(clientId));
  }

  // ---------------------------------------------------------------- life cycle

  /** Closes this JVM's side: later calls fail; buffered puts still go; unread items go back. */
  public Future<Void> close() {
    List<Getter> failed;
    lock.lock();
    try {
      if (closed) {
        return detached.future();
      }
      closed = true;
      detached = Promise.promise();
      failed = new ArrayList<>(getters);
      getters.clear();
    } finally {
      lock.unlock();
    }
    failed.forEach(g -> g.promise.tryFail(closedError()));
    onContext(() -> {
      flush();
      detach();
    });
    return detached.future();
  }

  private void detach() {
    Object msg;
    lock.lock();
    try {
      if (dead != null) {
        finishDetach();
        return;
      }
      msg = new Detach(clientId, consumed, tasksPending);
      buffer.clear();
    } finally {
      lock.unlock();
    }
    whenDrained().compose(v -> rt.request(homeAddress, msg, 30_000)).onComplete(ar -> finishDetach());
  }

  private void finishDetach() {
    OPEN.remove(this);
    if (detachedConsumer != null) {
      detachedConsumer.unregister();
    }
    detached.tryComplete();
  }

  /** Completes when every item put here has reached the home (Python's feeder thread is done). */
  public Future<Void> whenDrained() {
    lock.lock();
    try {
      if (inFlight == 0 || dead != null) {
        return Future.succeededFuture();
      }
      Promise<Void> p = Promise.promise();
      drainWatchers.add(p);
      return p.future();
    } finally {
      lock.unlock();
    }
  }

  /** Python's {@code cancel_join_thread()}: the exit of this JVM will not wait for the flush. */
  public void cancelJoinThread() {
    noJoin = true;
  }

  public boolean isClosed() {
    return closed;
  }

  /** At exit: every open queue of this JVM flushes and gives back unread items (bounded wait). */
  public static Future<Void> closeAllAtExit() {
    List<Future<Void>> waits = new ArrayList<>();
    for (QueueClient c : OPEN) {
      Future<Void> f = c.close();
      if (!c.noJoin) {
        waits.add(f);
      }
    }
    return Future.join(waits).mapEmpty();
  }

  private void die(String why) {
    List<Promise<?>> fail = new ArrayList<>();
    lock.lock();
    try {
      if (dead != null) {
        return;
      }
      dead = why;
      getters.forEach(g -> fail.add(g.promise));
      getters.clear();
      slotWaits.values().forEach(pp -> fail.add(pp.promise()));
      slotWaits.clear();
      fail.addAll(drainWatchers);
      drainWatchers.clear();
      fail.addAll(requests);
    } finally {
      lock.unlock();
    }
    fail.forEach(p -> p.tryFail(new ProcessError("queue is unusable: " + why)));
    if (detached != null) {
      finishDetach();
    }
  }

  private void checkUsable() {
    if (closed) {
      throw closedError();
    }
    if (dead != null) {
      throw new ProcessError("queue is unusable: " + dead);
    }
  }

  private static IllegalStateException closedError() {
    return new IllegalStateException("queue is closed");
  }
}
