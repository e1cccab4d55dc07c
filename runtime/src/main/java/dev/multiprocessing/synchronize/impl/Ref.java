package dev.multiprocessing.synchronize.impl;

import dev.multiprocessing.ProcessError;
import dev.multiprocessing.codecs.Pickled;
import dev.multiprocessing.impl.Blocking;
import dev.multiprocessing.impl.MpRuntime;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A reference to a primitive's {@link Home}, one per primitive per JVM (interned by id, so that
 * every handle of one primitive received in this JVM shares it). In the home's JVM calls go to the
 * home directly; elsewhere they are event-bus requests, failed with a clear {@link ProcessError}
 * once the home's JVM has left the cluster.
 *
 * <p>For a Lock or RLock it also has the {@link LeaseClient}: what this JVM's threads hold, the
 * lease, and a Value's bytes granted with the lock (read locally while held, written through).
 */
public final class Ref {

  private static final Map<String, Ref> REFS = new ConcurrentHashMap<>();
  private static final long FOREVER_MS = TimeUnit.DAYS.toMillis(36_500);
  /** Margin over a waiting op's own timeout: the home answers a timed wait by itself. */
  private static final long MARGIN_MS = 60_000;

  final String id;
  final String address;
  final String homeNode;
  private final MpRuntime rt;
  private final Home home;
  private final Set<Promise<Object>> pending = ConcurrentHashMap.newKeySet();
  private volatile String homeGone;

  private Ref(MpRuntime rt, Home home, String id, String homeNode) {
    this.rt = rt;
    this.home = home;
    this.id = id;
    this.address = "mp.sync." + id;
    this.homeNode = homeNode;
  }

  /** A new primitive whose home is in this JVM. */
  public static Ref create(State state) {
    MpRuntime rt = MpRuntime.get();
    Home h = new Home(rt, state);
    Ref r = new Ref(rt, h, h.id, rt.nodeId());
    REFS.put(h.id, r);
    return r;
  }

  /** The reference of this JVM to the primitive {@code id} whose home is on {@code homeNode}. */
  static Ref of(String id, String homeNode) {
    return REFS.computeIfAbsent(id, k -> {
      MpRuntime rt = MpRuntime.get();
      Ref r = new Ref(rt, null, id, homeNode);
      rt.onNodeLeft(homeNode, r::homeDied);
      return r;
    });
  }

  public String id() {
    return id;
  }

  public boolean isLocal() {
    return home != null;
  }

  /** Runs an op at the home; {@code timeout} as in {@link Op}. */
  public Future<Object> call(int code, Thread caller, double timeout, long a, long b, byte[] data) {
    Op op = new Op(code, rt.nodeId(), caller.getId(), timeout, a, b, data);
    if (home != null) {
      return home.submit(op);
    }
    return remote(op);
  }

  public Future<Object> call(int code) {
    return call(code, Thread.currentThread(), 0, 0, 0, null);
  }

  public Future<Object> call(int code, long a) {
    return call(code, Thread.currentThread(), 0, a, 0, null);
  }

  /** Sends an op that needs no answer (a write-through); ordered after this JVM's earlier ops. */
  public void send(int code, long a, byte[] data) {
    Op op = new Op(code, rt.nodeId(), Thread.currentThread().getId(), 0, a, 0, data);
    if (home != null) {
      home.submit(op);
    } else {
      rt.vertx().eventBus().send(address, Pickled.of(op));
    }
  }

  /** Sends an op without waiting, on behalf of thread id {@code thread}. */
  void sendOp(int code, long thread, long a, long b) {
    rt.vertx().eventBus().send(address, Pickled.of(new Op(code, rt.nodeId(), thread, 0, a, b, null)));
  }

  MpRuntime runtime() {
    return rt;
  }

  /** This JVM's side of a remote Lock or RLock (created on first use). */
  public synchronized LeaseClient lease(boolean recursive) {
    if (lease == null) {
      lease = new LeaseClient(this, recursive);
    }
    return lease;
  }

  private synchronized byte[] cache(Thread caller) {
    return lease == null ? null : lease.cache(caller);
  }

  private LeaseClient lease;

  private Future<Object> remote(Op op) {
    String gone = homeGone;
    if (gone != null) {
      return Future.failedFuture(new ProcessError(gone));
    }
    long ms = op.timeout() < 0 ? FOREVER_MS : (long) (op.timeout() * 1000) + MARGIN_MS;
    Promise<Object> p = Promise.promise();
    pending.add(p);
    rt.vertx().eventBus().<Pickled>request(address, Pickled.of(op), new DeliveryOptions().setSendTimeout(ms))
        .onComplete(ar -> {
          pending.remove(p);
          if (ar.failed()) {
            p.tryFail(homeGone != null ? new ProcessError(homeGone)
                : new ProcessError("no answer from the home of this primitive (" + ar.cause().getMessage() + ")", ar.cause()));
            return;
          }
          Object body = ar.result().body() == null ? null : ar.result().body().get();
          if (body instanceof Failed f) {
            p.tryFail(f.error());
          } else {
            p.tryComplete(body);
          }
        });
    return p.future();
  }

  private void homeDied() {
    homeGone = "the process that created this primitive (cluster node " + homeNode
        + ") has died or left; the primitive is gone with it";
    LeaseClient l;
    synchronized (this) {
      l = lease;
    }
    if (l != null) {
      l.homeDied(new ProcessError(homeGone));
    }
    EventView.homeDied(id, new ProcessError(homeGone));
    for (Promise<Object> p : pending) {
      p.tryFail(new ProcessError(homeGone));
    }
  }

  /** Reads {@code len} bytes of the shared data (from the lock-granted copy while this thread holds its RLock). */
  public Future<byte[]> read(int off, int len) {
    Thread me = Thread.currentThread();
    byte[] cache = home == null ? cache(me) : null;
    if (cache != null) {
      synchronized (cache) {
        return Future.succeededFuture(java.util.Arrays.copyOfRange(cache, off, off + len));
      }
    }
    return call(Op.READ, me, 0, off, len, null).map(b -> (byte[]) b);
  }

  /** Writes the shared data: written through to the home in order (no round trip while this thread holds its RLock). */
  public Future<Void> write(int off, byte[] bytes) {
    Thread me = Thread.currentThread();
    byte[] cache = home == null ? cache(me) : null;
    if (cache != null) {
      synchronized (cache) {
        System.arraycopy(bytes, 0, cache, off, bytes.length);
      }
      send(Op.WRITE, off, bytes);
      return Future.succeededFuture();
    }
    return call(Op.WRITE, me, 0, off, 0, bytes).mapEmpty();
  }

  public String homeNode() {
    return homeNode;
  }

  /**
   * The handle of this primitive, waiting (briefly, once) until its home can be reached from other
   * JVMs; on an event-loop thread it must already be reachable.
   */
  public SyncHandle handle(String kind, Object extra) {
    if (home != null && !home.registered().isComplete()) {
      if (Context.isOnEventLoopThread()) {
        throw new IllegalStateException("this primitive was created a moment ago and its home is not yet registered"
            + " in the cluster: create it off the event loop, or send it a little later");
      }
      Blocking.await(home.registered(), "registering a primitive", "-");
    }
    return new SyncHandle(kind, id, homeNode, extra);
  }
}
