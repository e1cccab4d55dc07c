package dev.multiprocessing.impl;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.multiprocessing.ClusterOptions;
import dev.multiprocessing.ProcessError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds the Hazelcast configuration and the clustered Vert.x of one JVM.
 *
 * <p>Join latency dominates a child's start, so the embedded default is tuned for it (see
 * FIELD-NOTES): TCP-IP join on the given host, no wait before join, no multicast, no phone-home,
 * no Hazelcast shutdown hook (the runtime's exit sequence leaves the cluster itself, after the
 * children have been dealt with) and, for a child, a lite member with small thread pools.
 */
final class ClusterBootstrap {

  private ClusterBootstrap() {}

  static Future<Vertx> start(ClusterOptions options, boolean child) {
    quietHazelcast();
    if (child && HZ.getLevel() == Level.WARNING) {
      // A child's stderr is its program's: Hazelcast's membership churn is not news there.
      HZ.setLevel(Level.SEVERE);
    }
    Config config;
    try {
      config = hazelcastConfig(options, child);
    } catch (IOException e) {
      return Future.failedFuture(new ProcessError("cannot read cluster config " + options.getConfigFile(), e));
    }
    HazelcastClusterManager cm = new HazelcastClusterManager(config);
    EventBusOptions eb = new EventBusOptions()
        .setHost(options.getHost())
        .setPort(0)
        .setClusterPublicHost(options.getHost());
    VertxOptions vo = new VertxOptions().setEventBusOptions(eb);
    if (child) {
      vo.setEventLoopPoolSize(2).setWorkerPoolSize(4).setInternalBlockingPoolSize(2);
    }
    return Vertx.builder().with(vo).withClusterManager(cm).buildClustered();
  }

  /**
   * Hazelcast logs through JUL at INFO; keep warnings, but not the connection-refused and
   * suspected-member warnings that every child JVM's exit causes, nor the add-opens advice (the
   * README gives the flags). Loggers are held statically so the levels stick.
   */
  private static final Logger HZ = Logger.getLogger("com.hazelcast");
  private static final Logger HZ_TCP = Logger.getLogger("com.hazelcast.internal.server.tcp");
  private static final Logger HZ_MEMBERSHIP = Logger.getLogger("com.hazelcast.internal.cluster");
  private static final Logger HZ_FACTORY = Logger.getLogger("com.hazelcast.instance.impl.HazelcastInstanceFactory");
  /** Registrations racing a member list change (children come and go) warn, then retry. */
  private static final Logger HZ_EVENTS = Logger.getLogger("com.hazelcast.spi.impl.eventservice");
  /** Vert.x warns when a connection to a JVM that just exited fails; children exit all the time. */
  private static final Logger VX_CONNECTIONS = Logger.getLogger("io.vertx.core.eventbus.impl.clustered");

  static void quietHazelcast() {
    if (HZ.getLevel() == null) {
      HZ.setLevel(Level.WARNING);
    }
    for (Logger l : new Logger[] {HZ_TCP, HZ_MEMBERSHIP, HZ_FACTORY, HZ_EVENTS, VX_CONNECTIONS}) {
      if (l.getLevel() == null) {
        l.setLevel(Level.SEVERE);
      }
    }
  }

  static Config hazelcastConfig(ClusterOptions options, boolean child) throws IOException {
    Config config;
    if (options.getConfigFile() != null) {
      config = Config.loadFromFile(Path.of(options.getConfigFile()).toFile());
      mergeVertxStructures(config);
    } else {
      config = ConfigUtil.loadConfig();
      config.setClusterName(options.getClusterName());
      configureNetwork(config.getNetworkConfig(), options);
    }
    config.setInstanceName("mp-" + Long.toHexString(System.nanoTime()));
    config.setLiteMember(options.isLiteMember() || child);
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    // Launchers announce the exits they see at once; heartbeats catch the rest (other hosts).
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    if (child) {
      config.setProperty("hazelcast.operation.thread.count", "1");
      config.setProperty("hazelcast.operation.generic.thread.count", "1");
      config.setProperty("hazelcast.io.thread.count", "1");
      config.setProperty("hazelcast.event.thread.count", "1");
      config.setProperty("hazelcast.partition.operation.thread.count", "1");
    }
    return config;
  }

  private static void configureNetwork(NetworkConfig net, ClusterOptions options) {
    net.setPort(options.getPort()).setPortAutoIncrement(options.getPort() != 0);
    net.getInterfaces().setEnabled(true).addInterface(options.getHost());
    net.setPublicAddress(null);
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).getMembers().clear();
    for (String m : options.getMembers()) {
      join.getTcpIpConfig().addMember(m);
    }
  }

  /** A user's cluster.xml may lack the structures Vert.x needs; copy them from Vert.x's default. */
  private static void mergeVertxStructures(Config config) {
    Config vertxDefaults = ConfigUtil.loadConfig();
    vertxDefaults.getMultiMapConfigs().forEach((k, v) -> config.getMultiMapConfigs().putIfAbsent(k, v));
    vertxDefaults.getMapConfigs().forEach((k, v) -> config.getMapConfigs().putIfAbsent(k, v));
  }
}
