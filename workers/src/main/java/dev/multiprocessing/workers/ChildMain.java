package dev.multiprocessing.workers;

import dev.multiprocessing.ClusterOptions;
import dev.multiprocessing.Process;
import dev.multiprocessing.codecs.Pickled;
import dev.multiprocessing.impl.ChildState;
import dev.multiprocessing.impl.ExitSequence;
import dev.multiprocessing.impl.Messages;
import dev.multiprocessing.impl.MpLogging;
import dev.multiprocessing.impl.MpRuntime;
import dev.multiprocessing.impl.ProcessAccess;
import dev.multiprocessing.impl.Threads;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The entry point of every child JVM: {@code ChildMain <spawn|warm|train> <replyAddress> <key>}.
 *
 * <p>It joins the cluster as a lite member, obtains its {@link Process} (asking its parent for it
 * with {@code spawn}; waiting to be handed one with {@code warm}, the fork server's mode), becomes
 * that process, deploys it as a {@link ProcessVerticle} (which runs it on a plain thread), reports
 * the exit code to its parent and exits.
 * {@code train} only joins and leaves, to record the class-data archive that speeds up the others.
 *
 * <p>Python's exit semantics are kept with three mechanisms: SIGTERM/SIGINT/SIGHUP halt at once
 * (no finally blocks, no hooks: exit status 128+N, which the parent reads as -N); a shutdown hook
 * tells the parent when user code called {@code System.exit} (so that status is taken as a code);
 * and end-of-file on stdin, or the parent leaving the cluster, halts the child so that none outlives
 * its parent.
 */
public final class ChildMain {

  private static volatile boolean exitingOurselves;

  private ChildMain() {}

  public static void main(String[] args) {
    try {
      SignalExit.install();
      watchStdin();
      become(args);
    } catch (Throwable t) {
      // Vert.x and Hazelcast threads would keep a failed child alive: report it as Python does
      // (exit code 1 with the trace on stderr) and halt.
      System.err.println("child JVM failed before its process could run:");
      t.printStackTrace();
      flush();
      Runtime.getRuntime().halt(1);
    }
  }

  private static void become(String[] args) throws Exception {
    String mode = args[0];
    MpRuntime rt = MpRuntime.startChild(new ClusterOptions().setLiteMember(true));
    if ("train".equals(mode)) {
      train(rt);
      return;
    }
    Messages.ChildSpec spec = obtainSpec(rt, mode, args[1], args[2]);
    long pid = ProcessHandle.current().pid();
    Process self = spec.process();
    ProcessAccess.get().becomeCurrent(self, pid);
    Promise<Void> parentGone = Promise.promise();
    ChildState.parent(ProcessAccess.get().parent(spec.parentName(), spec.parentPid(), parentGone.future()));
    rt.onNodeLeft(spec.ownerNodeId(), () -> {
      parentGone.tryComplete();
      Runtime.getRuntime().halt(1);
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> onSystemExit(rt, spec), "mp-system-exit"));
    rt.vertx().deployVerticle(new ProcessVerticle(self, code -> finish(rt, spec, code))).onFailure(t -> {
      t.printStackTrace();
      finish(rt, spec, 1);
    });
  }

  /** Python's {@code BaseProcess._bootstrap}: run, finish children and threads, return the code. */
  static int bootstrap(Process self) {
    int code;
    MpLogging.logger().info("child process calling self.run()");
    try {
      ProcessAccess.get().runProcess(self);
      code = 0;
    } catch (Throwable t) {
      code = 1;
      System.err.println("Process " + self.getName() + ":");
      t.printStackTrace();
    }
    try {
      ExitSequence.finishChildren();
      Thread t;
      while ((t = ExitSequence.nextApplicationThread()) != null) {
        t.join();
      }
    } catch (InterruptedException | RuntimeException e) {
      // exiting anyway
    }
    ExitSequence.runFinalizers();
    MpLogging.logger().info("process exiting with exitcode " + code);
    return code;
  }

  private static Messages.ChildSpec obtainSpec(MpRuntime rt, String mode, String replyAddress, String key)
      throws Exception {
    CompletableFuture<Messages.ChildSpec> handed = new CompletableFuture<>();
    String myAddress = "mp.child." + rt.nodeId();
    rt.vertx().eventBus().<Pickled>consumer(myAddress, msg -> onChildMessage(msg, handed))
        .completion().toCompletionStage().toCompletableFuture().get();
    long pid = ProcessHandle.current().pid();
    Messages.Hello hello = new Messages.Hello(key, pid, rt.nodeId(), myAddress);
    if ("spawn".equals(mode)) {
      Object spec = rt.request(replyAddress, hello, 30_000).toCompletionStage().toCompletableFuture().get();
      return (Messages.ChildSpec) spec;
    }
    WarmUp.run(rt.vertx());
    rt.request(replyAddress, hello, 30_000).toCompletionStage().toCompletableFuture().get();
    return handed.get();
  }

  private static void onChildMessage(Message<Pickled> msg, CompletableFuture<Messages.ChildSpec> handed) {
    Object body = msg.body().get();
    if (body instanceof Messages.ChildSpec spec) {
      if (handed.isDone()) {
        msg.fail(409, "this JVM already runs a process");
        return;
      }
      msg.reply(null);
      handed.complete(spec);
    } else if (body instanceof Messages.Ping) {
      msg.reply(null);
    } else if (body instanceof Messages.SignalRequest sig) {
      flush();
      Runtime.getRuntime().halt(128 + sig.signal());
    }
  }

  /** Reports the exit code, then leaves the cluster and halts (no shutdown hook marks it). */
  private static void finish(MpRuntime rt, Messages.ChildSpec spec, int code) {
    report(rt, spec, code, false);
    exitingOurselves = true;
    leave(rt, code);
  }

  /** Tells the parent how the process ended and waits for its acknowledgement (bounded). */
  private static void report(MpRuntime rt, Messages.ChildSpec spec, int code, boolean systemExit) {
    flush();
    try {
      rt.request(spec.ownerAddress(), new Messages.ExitReport(spec.key(), code, systemExit), 5_000)
          .toCompletionStage().toCompletableFuture().get(6, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the parent is gone or unreachable: its launcher still sees our exit status
    }
  }

  private static void onSystemExit(MpRuntime rt, Messages.ChildSpec spec) {
    if (exitingOurselves) {
      return;
    }
    ExitSequence.runFinalizers();
    report(rt, spec, 0, true);
    closeQuietly(rt);
  }

  /** Leaves the cluster politely (bounded), then halts with the process's exit code. */
  private static void leave(MpRuntime rt, int code) {
    closeQuietly(rt);
    flush();
    Runtime.getRuntime().halt(code);
  }

  private static void closeQuietly(MpRuntime rt) {
    try {
      rt.vertx().close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      // halting anyway
    }
  }

  private static void train(MpRuntime rt) {
    Pickled.of(new Messages.ChildSpec("train", null, "-", "-", "-", 0)).get();
    WarmUp.run();
    closeQuietly(rt);
    System.exit(0);
  }

  private static void flush() {
    System.out.flush();
    System.err.flush();
  }

  /** End-of-file on stdin means the JVM that launched us is gone. */
  private static void watchStdin() {
    Threads.startDaemon("mp-stdin-watch", () -> {
      try {
        while (System.in.read() >= 0) {
          // the launcher never writes; read until end-of-file
        }
      } catch (java.io.IOException e) {
        // treat as end-of-file
      }
      Runtime.getRuntime().halt(1);
    });
  }
}
