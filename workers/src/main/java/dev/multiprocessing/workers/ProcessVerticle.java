package dev.multiprocessing.workers;

import dev.multiprocessing.Process;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.function.IntConsumer;

/**
 * A started {@link Process} as a verticle of its child JVM. Deploying it starts the process's
 * main thread: a plain platform thread named {@code MainThread} (never a Vert.x thread, so the
 * target may block), which runs Python's bootstrap and hands the exit code to {@code onExit}.
 */
final class ProcessVerticle extends VerticleBase {

  private final Process process;
  private final IntConsumer onExit;

  ProcessVerticle(Process process, IntConsumer onExit) {
    this.process = process;
    this.onExit = onExit;
  }

  @Override
  public Future<?> start() {
    Thread main = new Thread(() -> onExit.accept(ChildMain.bootstrap(process)), "MainThread");
    main.setDaemon(false);
    main.start();
    return Future.succeededFuture();
  }
}
