package dev.multiprocessing.impl;

import dev.multiprocessing.Process;
import dev.multiprocessing.ProcessError;
import dev.multiprocessing.codecs.Pickled;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts a {@link Process} with its start method and delivers signals to it.
 *
 * <p>{@code spawn} launches a JVM whose hello is answered with the spec; {@code forkserver} takes a
 * warm JVM from this host's fork server and hands it the spec directly. In both cases the spec is
 * serialized first, in the caller's thread, so that an unserializable target fails before any JVM
 * is touched.
 */
public final class Starter {

  private static final AtomicLong KEYS = new AtomicLong();
  private static final long SPEC_TIMEOUT_MS = 10_000;

  private Starter() {}

  /** A started child: its record at once, and a future that completes when it exists. */
  public record Started(ChildRecord record, Future<Void> ready) {}

  public static Started start(MpRuntime rt, Process p, String method, String parentName, Long parentPid) {
    String key = rt.nodeId() + "/" + KEYS.incrementAndGet();
    Pickled spec = Pickled.of(new Messages.ChildSpec(key, p, rt.controlAddress(), rt.nodeId(), parentName,
        parentPid == null ? 0 : parentPid));
    if (!p.getJvmOptions().isEmpty()) {
      return spawn(rt, key, spec, p.getJvmOptions()); // warm JVMs run the default flags
    }
    switch (method) {
      case "spawn":
        return spawn(rt, key, spec, List.of());
      case "forkserver":
        return forkserver(rt, key, spec);
      default:
        throw new IllegalArgumentException("unknown start method '" + method + "'");
    }
  }

  private static Started spawn(MpRuntime rt, String key, Pickled spec, List<String> jvmOptions) {
    ChildRecord r = rt.register(key, spec);
    if (!rt.ready().isComplete()) {
      Future<Void> later = rt.ready().map(x -> {
        rt.spawn(r, jvmOptions);
        return null;
      });
      later.onFailure(r::failed);
      return new Started(r, later);
    }
    try {
      rt.spawn(r, jvmOptions);
    } catch (RuntimeException e) {
      r.failed(e);
      throw e;
    }
    return new Started(r, Future.succeededFuture());
  }

  private static Started forkserver(MpRuntime rt, String key, Pickled spec) {
    ChildRecord r = rt.register(key, null);
    Future<Void> ready = rt.ready().compose(x -> takeAndHand(rt, r, spec, 3));
    ready.onFailure(r::failed);
    return new Started(r, ready);
  }

  /** Takes a warm JVM and hands it the spec; a warm JVM that died meanwhile is replaced. */
  private static Future<Void> takeAndHand(MpRuntime rt, ChildRecord r, Pickled spec, int attempts) {
    return take(rt, r.key()).compose(w -> {
      r.pid(w.pid());
      r.located(w.nodeId(), w.address());
      return rt.<Object>request(w.address(), spec, SPEC_TIMEOUT_MS).<Void>mapEmpty()
          .recover(err -> attempts > 1 && noHandler(err)
              ? takeAndHand(rt, r, spec, attempts - 1)
              : Future.failedFuture(new ProcessError("warm JVM " + w.pid() + " did not take the process: "
                  + err.getMessage(), err)));
    });
  }

  private static Future<Messages.WarmJvm> take(MpRuntime rt, String key) {
    if (!rt.isChild()) {
      return rt.forkServer().take(key, rt.controlAddress());
    }
    Messages.TakeWarm msg = new Messages.TakeWarm(key, rt.controlAddress());
    return rt.<Messages.WarmJvm>request(ForkServer.hostAddress(), msg, SPEC_TIMEOUT_MS)
        .recover(err -> noHandler(err) ? rt.forkServer().take(key, rt.controlAddress()) : Future.failedFuture(err));
  }

  private static boolean noHandler(Throwable err) {
    return err instanceof ReplyException
        && ((ReplyException) err).failureType() == ReplyFailure.NO_HANDLERS;
  }

  /**
   * Sends signal {@code sig} (15 or 9) to a child. Children always run on the parent's host (a fork
   * server is per host), so this is a real OS signal; the handle is checked to be one of our JVMs.
   */
  public static void signal(MpRuntime rt, ChildRecord r, int sig) {
    Optional<ProcessHandle> h = ProcessHandle.of(r.pid());
    if (h.isEmpty() || !isOurChild(h.get())) {
      if (r.address() != null) {
        rt.send(r.address(), new Messages.SignalRequest(sig));
      }
      return;
    }
    if (sig == 9) {
      h.get().destroyForcibly();
    } else {
      h.get().destroy();
    }
  }

  private static boolean isOurChild(ProcessHandle h) {
    return h.info().arguments().map(args -> {
      for (String a : args) {
        if (a.equals(ChildLauncher.MAIN_CLASS)) {
          return true;
        }
      }
      return false;
    }).orElse(true);
  }
}
