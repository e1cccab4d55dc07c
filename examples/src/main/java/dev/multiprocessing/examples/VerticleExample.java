package dev.multiprocessing.examples;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Vert.x application that starts a process from a verticle.
 *
 * <p>The application runs its own clustered Vert.x (Hazelcast cluster manager) and hands it to the
 * library with {@link Multiprocessing#init(Vertx)} before anything else, so that every process of
 * the program runs on the application's cluster. The verticle, on its event loop, starts a
 * {@link Process} with {@link Process#startAsync()} and waits for its end with
 * {@link Process#joinAsync()}: neither blocks the event loop. The blocking {@link Process#join()}
 * fails there at once and names its twin, which the verticle shows too.
 */
public final class VerticleExample {

  private VerticleExample() {}

  /** The process's target: it runs in a child JVM joined to the application's cluster. */
  static void work() {
    System.out.println("hello from " + Multiprocessing.currentProcess().getName()
        + ", started by a verticle of process " + Multiprocessing.parentProcess().getPid());
  }

  /** Starts one process on its event loop; {@link #exitCode()} completes when that process ends. */
  static final class ProcessVerticle extends VerticleBase {

    private final Promise<Integer> exitCode = Promise.promise();

    Future<Integer> exitCode() {
      return exitCode.future();
    }

    @Override
    public Future<?> start() {
      System.out.println("[verticle] starting a process on " + Thread.currentThread().getName());
      Process p = new Process(VerticleExample::work);
      Future<Void> started = p.startAsync();
      try {
        p.join();
      } catch (IllegalStateException e) {
        System.out.println("[verticle] p.join() on the event loop: " + e.getMessage());
      }
      started
          .compose(v -> p.joinAsync())
          // Back on this verticle's context, whichever thread completed the future.
          .onComplete(ar -> context.runOnContext(x -> {
            if (ar.succeeded()) {
              System.out.println("[verticle] " + p.getName() + " ended with exit code " + ar.result()
                  + " (seen on " + Thread.currentThread().getName() + ")");
              exitCode.complete(ar.result());
            } else {
              System.out.println("[verticle] " + p.getName() + " failed: " + ar.cause());
              exitCode.fail(ar.cause());
            }
          }));
      // The verticle is deployed once its process has started.
      return started;
    }
  }

  /**
   * Deploys a {@link ProcessVerticle} on {@code vertx}, waits (asynchronously) for its process to
   * end, undeploys it, and completes with the process's exit code.
   */
  static Future<Integer> runOn(Vertx vertx) {
    ProcessVerticle verticle = new ProcessVerticle();
    return vertx.deployVerticle(verticle)
        .compose(id -> verticle.exitCode()
            .compose(code -> vertx.undeploy(id).map(code)));
  }

  /**
   * A Hazelcast configuration for one machine: Vert.x's default maps, a cluster name of its own,
   * bound to 127.0.0.1, TCP-IP join (no multicast), no wait before joining.
   */
  static Config hazelcastConfig() {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("verticle-example-" + UUID.randomUUID());
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    NetworkConfig net = config.getNetworkConfig();
    net.setPort(0).setPortAutoIncrement(false); // any free port
    net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true); // no members: this JVM starts the cluster
    return config;
  }

  /**
   * Hazelcast logs through JUL at INFO: keep its warnings, but not its advice to add JVM flags for
   * its internal API access. Held statically, since JUL keeps only weak references to loggers.
   */
  private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");
  private static final Logger HAZELCAST_FACTORY =
      Logger.getLogger("com.hazelcast.instance.impl.HazelcastInstanceFactory");

  public static void main(String[] args) {
    HAZELCAST.setLevel(Level.WARNING);
    HAZELCAST_FACTORY.setLevel(Level.SEVERE);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(
            new EventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1")))
        .withClusterManager(new HazelcastClusterManager(hazelcastConfig()))
        .buildClustered()
        .await();
    Multiprocessing.init(vertx);
    try {
      int code = runOn(vertx).await();
      System.out.println("the application's process ended with exit code " + code);
    } finally {
      // The application owns its Vertx: closing it leaves the cluster and lets the JVM end.
      vertx.close().await();
    }
  }
}
