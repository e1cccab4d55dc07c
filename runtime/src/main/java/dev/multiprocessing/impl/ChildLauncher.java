package dev.multiprocessing.impl;

import dev.multiprocessing.ClusterOptions;
import dev.multiprocessing.ProcessError;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Launches child JVMs: the {@code workers} module's {@code ChildMain} with this JVM's class path.
 *
 * <p>The child's stdin is a pipe that this JVM never writes to: when this JVM dies, even by
 * SIGKILL, the child reads end-of-file and halts, so no child outlives the JVM that launched it.
 * Its stdout and stderr are this JVM's own file descriptors, as with Python's children: what a
 * child printed before it reported its exit is already on the parent's stdout when join returns.
 */
public final class ChildLauncher {

  static final String MAIN_CLASS = "dev.multiprocessing.workers.ChildMain";
  /** Pipes use the event bus even between JVMs of one host (children started later inherit it). */
  public static final String EVENT_BUS_ONLY = "multiprocessing.pipes.eventBusOnly";
  private static volatile String executable = defaultExecutable();

  private ChildLauncher() {}

  static String defaultExecutable() {
    return System.getProperty("java.home") + "/bin/java";
  }

  private static volatile java.util.List<String> preload;

  /** Python's {@code set_forkserver_preload}: classes warm JVMs load ahead of use. */
  public static void forkserverPreload(java.util.List<String> classNames) {
    preload = java.util.List.copyOf(classNames);
  }

  /** What warm JVMs preload: as set, or by default the program's main class (Python: {@code __main__}). */
  static java.util.List<String> forkserverPreload() {
    java.util.List<String> p = preload;
    if (p != null) {
      return p;
    }
    String command = System.getProperty("sun.java.command", "").trim();
    String main = command.isEmpty() ? "" : command.split("\\s+")[0];
    return main.endsWith(".jar") || main.isEmpty() ? java.util.List.of() : java.util.List.of(main);
  }

  public static String executable() {
    return executable;
  }

  public static void executable(String path) {
    executable = path == null ? defaultExecutable() : path;
  }

  /** What the child needs to find the cluster and its job. */
  public record Launch(String mode, String replyAddress, String key, ClusterOptions cluster) {}

  /**
   * Starts a child JVM; {@code onExit} receives its OS exit status (128+N for signal N).
   *
   * @throws ProcessError when the JVM cannot be launched
   */
  public static java.lang.Process launch(Launch launch, List<String> extraFlags, IntConsumer onExit) {
    List<String> cmd = command(launch, extraFlags);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    java.lang.Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new ProcessError("cannot launch child JVM with " + cmd.get(0) + ": " + e.getMessage(), e);
    }
    // The callback runs on the JDK's process reaper thread, where a CompletableFuture would swallow
    // what it throws: a lost exit report is a join that never returns, so say it loudly.
    p.onExit().thenAccept(done -> onExit.accept(done.exitValue())).exceptionally(t -> {
      MpLogging.logger().log(java.util.logging.Level.SEVERE, "handling the exit of child JVM " + p.pid() + " failed", t);
      return null;
    });
    return p;
  }

  static List<String> command(Launch launch, List<String> extraFlags) {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable);
    // the training launch dumps the class-data archive, so it must not map one
    cmd.addAll(JvmOptions.forChild(executable, !"train".equals(launch.mode())));
    cmd.addAll(extraFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    ClusterOptions c = launch.cluster();
    cmd.add("-Dmultiprocessing.cluster.name=" + c.getClusterName());
    cmd.add("-Dmultiprocessing.cluster.host=" + c.getHost());
    cmd.add("-Dmultiprocessing.cluster.members=" + String.join(",", c.getMembers()));
    if (c.getConfigFile() != null) {
      cmd.add("-Dmultiprocessing.cluster.config=" + c.getConfigFile());
    }
    if (Boolean.getBoolean(EVENT_BUS_ONLY)) {
      cmd.add("-D" + EVENT_BUS_ONLY + "=true");
    }
    if ("warm".equals(launch.mode())) {
      cmd.add("-Dmultiprocessing.forkserver.preload=" + String.join(",", forkserverPreload()));
    }
    cmd.add(MAIN_CLASS);
    cmd.add(launch.mode());
    cmd.add(launch.replyAddress());
    cmd.add(launch.key());
    return cmd;
  }

  /** Closing a child's stdin makes it halt at once (used at exit for idle warm JVMs). */
  static void closeStdin(java.lang.Process p) {
    try {
      OutputStream os = p.getOutputStream();
      os.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
