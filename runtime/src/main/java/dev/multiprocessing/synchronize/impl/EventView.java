package dev.multiprocessing.synchronize.impl;

import dev.multiprocessing.codecs.Pickled;
import dev.multiprocessing.impl.Blocking;
import dev.multiprocessing.impl.MpRuntime;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Event as seen from a JVM other than its home: a copy of the flag that the home keeps up to
 * date, so that {@code await} costs no message when the flag is set and wakes on one message (the
 * home's push) when it is not.
 *
 * <p>Design. The first {@code await} subscribes this JVM at the home, which answers with the flag
 * and its version. From then on every {@code set} and {@code clear}, from any process, completes
 * only after each subscribed JVM has acknowledged the new flag (or left the cluster): a process
 * told of a change afterwards sees it here too, as it would at the home. Pushes and replies may
 * arrive in any order; the version keeps the newest. Threads of this JVM that must wait park here,
 * each with its own timer. A JVM that dies is dropped from the subscribers when the cluster
 * removes it; if the home dies, waiters fail with {@code ProcessError}.
 */
public final class EventView {

  private static final Map<String, EventView> VIEWS = new ConcurrentHashMap<>();
  private static volatile Future<Void> consumer;

  private final Ref ref;
  private Future<Void> subscribed;
  private boolean flag;
  private long version = -1;
  private final List<Promise<Boolean>> waiters = new ArrayList<>();

  private EventView(Ref ref) {
    this.ref = ref;
  }

  /** The view of the remote event {@code ref} in this JVM. */
  public static EventView of(Ref ref) {
    return VIEWS.computeIfAbsent(ref.id(), k -> new EventView(ref));
  }

  /** Where the home pushes flags to the JVM of cluster member {@code node}. */
  static String pushAddress(String node) {
    return "mp.sync.push." + node;
  }

  /** Python's {@code wait(timeout)}: {@code timeout} as in {@link Op} (negative: forever, 0: no wait). */
  public Future<Boolean> await(double timeout) {
    return subscribe().compose(v -> {
      Promise<Boolean> p;
      synchronized (this) {
        if (flag || timeout == 0) {
          return Future.succeededFuture(flag);
        }
        p = Promise.promise();
        waiters.add(p);
      }
      if (timeout > 0) {
        long timer = ref.runtime().vertx().setTimer(Blocking.timerMillis(timeout), t -> expire(p));
        p.future().onComplete(x -> ref.runtime().vertx().cancelTimer(timer));
      }
      return p.future();
    });
  }

  /** The flag: this JVM's copy once subscribed (kept exact by the home), else the home's answer. */
  public Future<Boolean> isSet() {
    synchronized (this) {
      if (subscribed != null && subscribed.succeeded()) {
        return Future.succeededFuture(flag);
      }
    }
    return ref.call(Op.IS_SET).map(Boolean.class::cast);
  }

  /** {@code SET} or {@code CLEAR} at the home; completes once every subscriber has the new flag. */
  public Future<Void> change(int code) {
    return ref.call(code).map(this::acceptReply);
  }

  private synchronized Future<Void> subscribe() {
    if (subscribed == null || subscribed.failed()) {
      subscribed = consumer().compose(v -> ref.call(Op.SUBSCRIBE)).map(this::acceptReply);
    }
    return subscribed;
  }

  private void expire(Promise<Boolean> p) {
    boolean now;
    synchronized (this) {
      if (!waiters.remove(p)) {
        return;
      }
      now = flag;
    }
    p.tryComplete(now);
  }

  /** A reply of the home (to set, clear or subscribe): the flag as of that change. */
  private Void acceptReply(Object reply) {
    accept((EventFlag) reply);
    return null;
  }

  /** Takes {@code f} if it is newer than what this JVM has; a set flag wakes every waiter. */
  void accept(EventFlag f) {
    List<Promise<Boolean>> wake;
    synchronized (this) {
      if (f.version() <= version) {
        return;
      }
      version = f.version();
      flag = f.flag();
      if (!flag || waiters.isEmpty()) {
        return;
      }
      wake = new ArrayList<>(waiters);
      waiters.clear();
    }
    wake.forEach(p -> p.tryComplete(true));
  }

  /** The home of event {@code id} died: its waiters here fail, as every later call does. */
  static void homeDied(String id, RuntimeException e) {
    EventView v = VIEWS.get(id);
    if (v != null) {
      v.failWaiters(e);
    }
  }

  private void failWaiters(RuntimeException e) {
    List<Promise<Boolean>> fail;
    synchronized (this) {
      fail = new ArrayList<>(waiters);
      waiters.clear();
    }
    fail.forEach(p -> p.tryFail(e));
  }

  /** This JVM's push address, registered once in the cluster before the first subscription. */
  private static Future<Void> consumer() {
    Future<Void> c = consumer;
    if (c == null) {
      synchronized (EventView.class) {
        if (consumer == null || consumer.failed()) {
          MpRuntime rt = MpRuntime.get();
          consumer = rt.vertx().eventBus().<Pickled>consumer(pushAddress(rt.nodeId()), EventView::onPush).completion();
        }
        c = consumer;
      }
    }
    return c;
  }

  private static void onPush(Message<Pickled> m) {
    EventFlag f = (EventFlag) m.body().get();
    EventView v = VIEWS.get(f.id());
    if (v != null) {
      v.accept(f);
    }
    m.reply(null);
  }
}
