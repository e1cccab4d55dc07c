package dev.multiprocessing.examples;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.pool.Pool;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Vert.x HTTP endpoint that hands CPU-heavy requests to a {@link Pool}: {@code GET /primes?below=N}
 * counts the primes below N in 8 slices with {@code mapAsync} and answers when the workers are
 * done, while {@code GET /ping} answers at once. The event loop never blocks: the heavy work runs
 * in the worker JVMs, and the verticle only reacts to the result's Vert.x future.
 *
 * <p>Run standalone, the application builds its clustered Vertx and hands it in with
 * {@link Multiprocessing#init(Vertx)}, then sends three heavy requests and a ping to itself.
 */
public final class PoolHttpVerticle extends VerticleBase {

  private Pool pool;
  private HttpServer server;

  /** Counts the primes in {@code [slice[0], slice[1])} (runs in a worker). */
  static int countPrimes(int[] slice) {
    int count = 0;
    for (int n = Math.max(2, slice[0]); n < slice[1]; n++) {
      boolean prime = true;
      for (int d = 2; (long) d * d <= n; d++) {
        if (n % d == 0) {
          prime = false;
          break;
        }
      }
      count += prime ? 1 : 0;
    }
    return count;
  }

  static List<int[]> slices(int below, int parts) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      out.add(new int[] {(int) ((long) below * i / parts), (int) ((long) below * (i + 1) / parts)});
    }
    return out;
  }

  int port() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    pool = new Pool(2);   // does not block: the workers start in the background
    return vertx.createHttpServer().requestHandler(this::handle).listen(0).onSuccess(s -> server = s);
  }

  private void handle(HttpServerRequest req) {
    if ("/ping".equals(req.path())) {
      req.response().end("pong");
      return;
    }
    int below = Integer.parseInt(req.getParam("below", "100000"));
    pool.mapAsync(PoolHttpVerticle::countPrimes, slices(below, 8)).future().onComplete(ar -> {
      if (ar.succeeded()) {
        int total = ar.result().stream().mapToInt(Integer::intValue).sum();
        req.response().putHeader("content-type", "application/json")
            .end(new JsonObject().put("below", below).put("primes", total).encode());
      } else {
        req.response().setStatusCode(500).end(String.valueOf(ar.cause()));
      }
    });
  }

  @Override
  public Future<?> stop() {
    pool.terminate();
    return pool.joinAsync();
  }

  /** Deploys the verticle on {@code vertx}, asks it three prime counts and a ping, and undeploys it. */
  static Future<Void> runOn(Vertx vertx) {
    PoolHttpVerticle verticle = new PoolHttpVerticle();
    return vertx.deployVerticle(verticle).compose(id -> {
      HttpClient client = vertx.createHttpClient();
      AtomicBoolean primesAnswered = new AtomicBoolean();
      List<Future<String>> answers = new ArrayList<>();
      for (int below : new int[] {2_000_000, 3_000_000, 4_000_000}) {
        answers.add(get(client, verticle.port(), "/primes?below=" + below).andThen(x -> primesAnswered.set(true)));
      }
      Future<String> ping = get(client, verticle.port(), "/ping").andThen(ar ->
          System.out.println("[app] /ping answered " + ar.result() + " while the prime counts ran: "
              + !primesAnswered.get()));
      return Future.all(new ArrayList<>(answers)).compose(x -> ping).map(x -> {
        answers.forEach(a -> System.out.println("[app] " + a.result()));
        return id;
      }).eventually(() -> client.close()).compose(vertx::undeploy);
    });
  }

  private static Future<String> get(HttpClient client, int port, String uri) {
    return client.request(HttpMethod.GET, port, "127.0.0.1", uri)
        .compose(req -> req.send().compose(resp -> resp.body().map(b -> b.toString())));
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(
            new EventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1")))
        .withClusterManager(new HazelcastClusterManager(VerticleExample.hazelcastConfig()))
        .buildClustered()
        .await();
    Multiprocessing.init(vertx);
    try {
      runOn(vertx).await();
    } finally {
      vertx.close().await();
    }
  }
}
