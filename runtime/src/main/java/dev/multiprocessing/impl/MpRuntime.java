package dev.multiprocessing.impl;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import dev.multiprocessing.ClusterOptions;
import dev.multiprocessing.codecs.KryoMessageCodec;
import dev.multiprocessing.codecs.Pickled;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * The one clustered Vert.x of this JVM and the process life-cycle protocol around it.
 *
 * <p>Created on first use: as a full Hazelcast member in a program's own JVM (the root), as a
 * lite member in a child JVM. Every JVM listens on its control address {@code mp.jvm.<nodeId>} for
 * the protocol of {@link Messages}: the hello of a spawned child (answered with its spec), exit
 * reports of children, and OS exit statuses from fork servers.
 */
public final class MpRuntime {

  private static final Object LOCK = new Object();
  private static volatile MpRuntime instance;
  private static ClusterOptions configured;
  private static Vertx handedIn;

  private final Vertx vertx;
  private final HazelcastClusterManager clusterManager;
  private final ClusterOptions childCluster;
  private final boolean ownsVertx;
  private final boolean child;
  private final String nodeId;
  private final String controlAddress;
  private final Map<String, ChildRecord> records = new ConcurrentHashMap<>();
  private final Map<String, Pickled> pendingSpecs = new ConcurrentHashMap<>();
  private final Map<String, List<Runnable>> nodeLeftActions = new ConcurrentHashMap<>();
  /** Members known to have left or died (node ids are never reused). */
  private final java.util.Set<String> goneNodes = ConcurrentHashMap.newKeySet();
  private volatile ForkServer forkServer;
  private Future<Void> ready;

  private MpRuntime(Vertx vertx, ClusterOptions options, boolean ownsVertx, boolean child) {
    this.vertx = vertx;
    ClusterManager cm = ((VertxInternal) vertx).clusterManager();
    if (!(cm instanceof HazelcastClusterManager)) {
      throw new IllegalArgumentException("the Vertx handed in must be clustered with the Hazelcast cluster manager"
          + " (io.vertx:vertx-hazelcast), got " + (cm == null ? "a non-clustered Vertx" : cm.getClass().getName()));
    }
    this.clusterManager = (HazelcastClusterManager) cm;
    this.ownsVertx = ownsVertx;
    this.child = child;
    this.nodeId = clusterManager.getNodeId();
    this.controlAddress = "mp.jvm." + nodeId;
    this.childCluster = childClusterOptions(options);
    KryoMessageCodec.registerOn(vertx);
    if (!ownsVertx) {
      ClusterBootstrap.quietHazelcast();
      // The application owns this Vertx: when it closes it, end what this library keeps in the
      // cluster (idle warm JVMs, daemon children) before the member leaves.
      ((VertxInternal) vertx).addCloseHook(done -> {
        ExitSequence.terminateDaemons();
        ForkServer fs = forkServer;
        if (fs != null) {
          fs.close();
        }
        done.succeed();
      });
    }
    clusterManager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {}

      @Override
      public void memberRemoved(MembershipEvent e) {
        nodeLeft(e.getMember().getUuid().toString());
      }
    });
  }

  /** What a child needs to join this JVM's cluster: the same name, this member as seed. */
  private ClusterOptions childClusterOptions(ClusterOptions options) {
    ClusterOptions c = new ClusterOptions(options);
    var hz = clusterManager.getHazelcastInstance();
    c.setClusterName(hz.getConfig().getClusterName());
    var addr = hz.getCluster().getLocalMember().getAddress();
    if (options.getConfigFile() == null) {
      c.setHost(addr.getHost());
      c.setMembers(List.of(addr.getHost() + ":" + addr.getPort()));
    }
    c.setPort(0);
    c.setLiteMember(true);
    return c;
  }

  /** Sets the cluster options of the runtime created on first use. */
  public static void configure(ClusterOptions options) {
    synchronized (LOCK) {
      if (instance != null) {
        throw new IllegalStateException("the multiprocessing runtime has already started: configure it before first use");
      }
      configured = new ClusterOptions(options);
    }
  }

  /** Uses an application's clustered Vertx instead of starting one. */
  public static void useVertx(Vertx vertx) {
    synchronized (LOCK) {
      if (instance != null) {
        throw new IllegalStateException("the multiprocessing runtime has already started: hand the Vertx in before first use");
      }
      handedIn = vertx;
    }
  }

  /** The runtime of this JVM, started as a root on first use (blocking, about a second). */
  public static MpRuntime get() {
    MpRuntime rt = instance;
    if (rt != null) {
      return rt;
    }
    synchronized (LOCK) {
      if (instance == null) {
        ClusterOptions opts = configured != null ? configured : new ClusterOptions();
        MpRuntime created;
        if (handedIn != null) {
          created = new MpRuntime(handedIn, opts, false, false);
        } else {
          Blocking.checkMayBlock("starting the multiprocessing runtime", "Multiprocessing.init(vertx)");
          Vertx v = Blocking.await(ClusterBootstrap.start(opts, false), "cluster start", "Multiprocessing.init(vertx)");
          created = new MpRuntime(v, opts, true, false);
        }
        created.ready = created.listen();
        ExitSequence.install(created);
        instance = created;
      }
      if (!io.vertx.core.Context.isOnEventLoopThread()) {
        Blocking.await(instance.ready, "runtime start", "-");
      }
      return instance;
    }
  }

  /** Starts this JVM's runtime as a child (lite member); called once by the child's main. */
  public static MpRuntime startChild(ClusterOptions options) {
    synchronized (LOCK) {
      if (instance != null) {
        throw new IllegalStateException("runtime already started");
      }
      Vertx v = Blocking.await(ClusterBootstrap.start(options, true), "cluster join", "-");
      MpRuntime rt = new MpRuntime(v, options, true, true);
      rt.ready = rt.listen();
      Blocking.await(rt.ready, "control address registration", "-");
      instance = rt;
      return instance;
    }
  }

  /** The runtime if it has started, else null (never starts it). */
  public static MpRuntime peek() {
    return instance;
  }

  /** Where launchers announce that a JVM they started has exited (faster than Hazelcast's removal). */
  static final String DEATHS = "mp.jvm.died";

  private Future<Void> listen() {
    Future<Void> control = vertx.eventBus().<Pickled>consumer(controlAddress, this::onControl).completion();
    Future<Void> deaths = vertx.eventBus().<String>consumer(DEATHS, m -> nodeLeft(m.body())).completion();
    return Future.all(control, deaths).mapEmpty();
  }

  /** Completes once this JVM's control addresses are registered in the cluster. */
  public Future<Void> ready() {
    return ready;
  }

  /**
   * Tells the JVM at {@code ownerAddress} that its child {@code key} has exited with OS status
   * {@code status}: directly when that is this JVM (the usual case: the fork server runs in the
   * main JVM), so that a join never depends on the event bus for its own children.
   */
  void reportOsExit(String ownerAddress, String key, int status) {
    if (ownerAddress.equals(controlAddress)) {
      osExit(key, status);
    } else {
      send(ownerAddress, new Messages.OsExit(key, status));
    }
  }

  private void osExit(String key, int status) {
    ChildRecord r = records.get(key);
    if (r != null) {
      r.onOsExit(status);
    }
  }

  /** Tells every JVM of the cluster that the JVM of cluster member {@code node} has exited. */
  void announceDeath(String node) {
    if (node != null) {
      nodeLeft(node);
      vertx.eventBus().publish(DEATHS, node);
    }
  }

  private void onControl(Message<Pickled> msg) {
    Object body = msg.body().get();
    if (body instanceof Messages.Hello hello) {
      ChildRecord r = records.get(hello.key());
      Pickled spec = pendingSpecs.remove(hello.key());
      if (r == null || spec == null) {
        msg.fail(404, "no process " + hello.key() + " waits for a JVM here");
        return;
      }
      r.located(hello.nodeId(), hello.address());
      msg.reply(spec);
    } else if (body instanceof Messages.ExitReport report) {
      ChildRecord r = records.get(report.key());
      if (r != null) {
        r.onReport(report);
      }
      msg.reply(null);
    } else if (body instanceof Messages.OsExit os) {
      osExit(os.key(), os.status());
    } else {
      msg.fail(400, "unexpected control message " + body.getClass().getName());
    }
  }

  private void nodeLeft(String node) {
    goneNodes.add(node);
    List<Runnable> actions = nodeLeftActions.remove(node);
    if (actions != null) {
      for (Runnable action : actions) {
        try {
          action.run();
        } catch (RuntimeException e) {
          // one watcher's failure must not keep the others, or the caller's exit report, from running
          MpLogging.logger().log(java.util.logging.Level.SEVERE, "a watcher of member " + node + "'s exit failed", e);
        }
      }
    }
  }

  /** Runs {@code action} once when the cluster member {@code node} leaves (at once if it already has). */
  public void onNodeLeft(String node, Runnable action) {
    nodeLeftActions.computeIfAbsent(node, k -> new CopyOnWriteArrayList<>()).add(action);
    // An announced death counts at once, although Hazelcast may list the member for seconds more.
    if (goneNodes.contains(node) || !clusterManager.getNodes().contains(node)) {
      nodeLeft(node);
    }
  }

  /** Registers a child about to start in this JVM and the spec its hello will be answered with. */
  public ChildRecord register(String key, Pickled spec) {
    ChildRecord r = new ChildRecord(key);
    records.put(key, r);
    if (spec != null) {
      pendingSpecs.put(key, spec);
    }
    r.exit().onComplete(x -> {
      records.remove(key);
      pendingSpecs.remove(key);
    });
    return r;
  }

  /** Launches a spawned child JVM for {@code record}, with {@code jvmOptions} after the default flags. */
  public void spawn(ChildRecord record, List<String> jvmOptions) {
    ChildLauncher.Launch launch = new ChildLauncher.Launch("spawn", controlAddress, record.key(), childCluster);
    java.lang.Process p = ChildLauncher.launch(launch, jvmOptions, status -> {
      try {
        announceDeath(record.nodeId());
      } finally {
        record.onOsExit(status);
      }
    });
    record.pid(p.pid());
    record.exit().onComplete(x -> trainArchive());
  }

  /** Builds the class-data archive once in the background when it is missing. */
  void trainArchive() {
    ClassDataArchive.trainIfMissing(flags -> ChildLauncher.launch(
        new ChildLauncher.Launch("train", controlAddress, "-", childCluster), flags, status -> { }));
  }

  public ForkServer forkServer() {
    ForkServer fs = forkServer;
    if (fs == null) {
      synchronized (this) {
        if (forkServer == null) {
          forkServer = new ForkServer(this);
        }
        fs = forkServer;
      }
    }
    return fs;
  }

  /** Sends a protocol message and waits for the reply (event bus request-reply). */
  @SuppressWarnings("unchecked")
  public <T> Future<T> request(String address, Object message, long timeoutMs) {
    DeliveryOptions o = new DeliveryOptions().setSendTimeout(timeoutMs);
    Pickled body = message instanceof Pickled ? (Pickled) message : Pickled.of(message);
    return vertx.eventBus().<Pickled>request(address, body, o)
        .map(reply -> reply.body() == null ? null : (T) reply.body().get());
  }

  public void send(String address, Object message) {
    vertx.eventBus().send(address, Pickled.of(message));
  }

  public Vertx vertx() {
    return vertx;
  }

  public String nodeId() {
    return nodeId;
  }

  public String controlAddress() {
    return controlAddress;
  }

  public ClusterOptions childCluster() {
    return childCluster;
  }

  public boolean isChild() {
    return child;
  }

  boolean ownsVertx() {
    return ownsVertx;
  }

  /** Leaves the cluster (only if this runtime started its Vertx). */
  Future<Void> close() {
    ForkServer fs = forkServer;
    if (fs != null) {
      fs.close();
    }
    return ownsVertx ? vertx.close() : Future.succeededFuture();
  }
}
