package dev.multiprocessing.connection;

import dev.multiprocessing.impl.Blocking;
import dev.multiprocessing.impl.MpRuntime;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code multiprocessing.connection} module's functions. {@link #wait(Collection, double)} is
 * Python's {@code connection.wait}: it multiplexes over futures, never polling.
 */
public final class Connections {

  private Connections() {}

  /** Python's {@code multiprocessing.connection.Pipe(duplex=True)}. */
  public static Pipe pipe() {
    return pipe(true);
  }

  /** Python's {@code Pipe(duplex)}: with {@code false}, {@code conn1} only receives, {@code conn2} only sends. */
  public static Pipe pipe(boolean duplex) {
    return Blocking.await(pipeAsync(duplex), "pipe()", "pipeAsync()");
  }

  /** Creates a pipe; completes once both ends can be reached from any process of the cluster. */
  public static Future<Pipe> pipeAsync(boolean duplex) {
    return Connection.newPipe(duplex);
  }

  /** Waits without limit; see {@link #wait(Collection, double)}. */
  public static List<Object> wait(Collection<?> objects) {
    return wait(objects, Double.POSITIVE_INFINITY);
  }

  /**
   * Python's {@code connection.wait(object_list, timeout)}: returns those of {@code objects} that
   * are ready — a {@link Connection} with a message or end of data waiting, a process sentinel
   * ({@link dev.multiprocessing.Process#getSentinel()}) or any other Vert.x {@link Future} that has
   * completed — waiting up to {@code timeout} seconds for at least one; a negative or zero timeout
   * returns at once (possibly an empty list). Blocks: use {@link #waitAsync} on an event loop.
   */
  public static List<Object> wait(Collection<?> objects, double timeout) {
    List<Object> now = ready(objects);
    if (!now.isEmpty() || timeout <= 0) {
      return now;
    }
    Blocking.await(waitAsync(objects, timeout), "Connections.wait()", "waitAsync()");
    return ready(objects);
  }

  /** Completes with the ready subset once one object is ready or the timeout passes. */
  public static Future<List<Object>> waitAsync(Collection<?> objects, double timeout) {
    List<Object> now = ready(objects);
    if (!now.isEmpty() || timeout <= 0) {
      return Future.succeededFuture(now);
    }
    Promise<List<Object>> p = Promise.promise();
    for (Object o : objects) {
      readiness(o).onComplete(x -> p.tryComplete(ready(objects)));
    }
    if (timeout != Double.POSITIVE_INFINITY) {
      MpRuntime.get().vertx().setTimer(Blocking.timerMillis(timeout),
          t -> p.tryComplete(ready(objects)));
    }
    return p.future();
  }

  private static List<Object> ready(Collection<?> objects) {
    List<Object> r = new ArrayList<>();
    for (Object o : objects) {
      if (readiness(o).isComplete()) {
        r.add(o);
      }
    }
    return r;
  }

  private static Future<?> readiness(Object o) {
    if (o instanceof Connection c) {
      return c.readable();
    }
    if (o instanceof Future<?> f) {
      return f;
    }
    throw new IllegalArgumentException("connection.wait takes Connections and Futures (process sentinels), got "
        + (o == null ? "null" : o.getClass().getName()));
  }
}
