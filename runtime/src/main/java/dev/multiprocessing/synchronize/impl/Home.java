package dev.multiprocessing.synchronize.impl;

import dev.multiprocessing.codecs.Pickled;
import dev.multiprocessing.impl.Blocking;
import dev.multiprocessing.impl.MpRuntime;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a primitive lives: its {@link State} in the JVM that created it, and the event-bus address
 * {@code mp.sync.<uuid>} at which other JVMs reach it.
 *
 * <p>Design. Calls from this JVM run the state machine directly under this object's monitor (no
 * event bus, no cluster round trip); calls from other JVMs arrive as event-bus requests and are
 * answered when the state machine completes them. A waiter is parked here with its promise and,
 * for a timeout, a Vert.x timer; it is woken by completing that promise, which for a remote waiter
 * sends the reply: nothing polls. Promises are completed after the monitor is released, so user
 * callbacks never run under it. The home watches every node it has heard from and lets the state
 * give back what a dead node held.
 */
public final class Home {

  final String id;
  final String address;
  private final MpRuntime rt;
  private final State state;
  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  private List<Runnable> after = new ArrayList<>();
  private final Future<Void> registered;
  private MessageConsumer<Pickled> consumer;

  Home(MpRuntime rt, State state) {
    this.rt = rt;
    this.state = state;
    this.id = UUID.randomUUID().toString();
    this.address = "mp.sync." + id;
    this.consumer = rt.vertx().eventBus().consumer(address, this::onMessage);
    this.registered = consumer.completion();
  }

  /** Completes once other JVMs can reach this home. */
  Future<Void> registered() {
    return registered;
  }

  /** Runs {@code op} (from this JVM or another); the future completes when the op does. */
  Future<Object> submit(Op op) {
    watch(op.node());
    Future<Object> f;
    List<Runnable> run;
    synchronized (this) {
      f = state.apply(this, op);
      run = drain();
    }
    run.forEach(Runnable::run);
    return f;
  }

  private void onMessage(Message<Pickled> msg) {
    Op op = (Op) msg.body().get();
    Future<Object> f = submit(op);
    if (!"".equals(msg.replyAddress()) && msg.replyAddress() != null) {
      f.onComplete(ar -> msg.reply(Pickled.of(ar.succeeded() ? ar.result() : new Failed(ar.cause()))));
    }
  }

  private void watch(String node) {
    if (!node.equals(rt.nodeId()) && watched.add(node)) {
      rt.onNodeLeft(node, () -> {
        List<Runnable> run;
        synchronized (this) {
          state.nodeLeft(this, node);
          run = drain();
        }
        run.forEach(Runnable::run);
      });
    }
  }

  /**
   * Sends {@code msg} to the JVM of cluster member {@code node} and completes when it has
   * acknowledged it, or cannot (it left the cluster, or 10 s passed): never fails.
   */
  Future<Void> push(String node, Object msg) {
    return rt.vertx().eventBus().request(EventView.pushAddress(node), Pickled.of(msg),
        new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(PUSH_TIMEOUT_MS))
        .<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  private static final long PUSH_TIMEOUT_MS = 10_000;

  /** Parks {@code op} in {@code queue}; its timer (if the op has a timeout) calls the state's timedOut. */
  Waiter park(Op op, Collection<Waiter> queue) {
    Waiter w = new Waiter(op);
    queue.add(w);
    if (op.timeout() > 0) {
      long ms = Blocking.timerMillis(op.timeout());
      w.timer = rt.vertx().setTimer(ms, t -> {
        List<Runnable> run;
        synchronized (this) {
          if (w.done) {
            return;
          }
          state.timedOut(this, w, queue);
          run = drain();
        }
        run.forEach(Runnable::run);
      });
    }
    return w;
  }

  /** Wakes a parked waiter with {@code value} (once the monitor is released). */
  void complete(Waiter w, Object value) {
    if (finish(w)) {
      after.add(() -> w.promise.complete(value));
    }
  }

  void fail(Waiter w, RuntimeException e) {
    if (finish(w)) {
      after.add(() -> w.promise.fail(e));
    }
  }

  private boolean finish(Waiter w) {
    if (w.done) {
      return false;
    }
    w.done = true;
    if (w.timer >= 0) {
      rt.vertx().cancelTimer(w.timer);
    }
    return true;
  }

  private List<Runnable> drain() {
    if (after.isEmpty()) {
      return List.of();
    }
    List<Runnable> run = after;
    after = new ArrayList<>();
    return run;
  }
}
