package dev.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What happens to children when their program ends or dies, and where their output goes: each
 * case runs {@link ParentScenarios} as a whole program in its own JVM.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProgramLifecycleTest {

  /** A program run: its JVM, and its stdout read line by line as it comes. */
  static final class Program {
    final java.lang.Process jvm;
    final List<String> lines = new ArrayList<>();
    final File stderr;

    Program(String scenario, String method, String... jvmFlags) throws IOException {
      stderr = File.createTempFile("mp-scenario", ".err");
      stderr.deleteOnExit();
      String java = System.getProperty("java.home") + "/bin/java";
      List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
      cmd.addAll(List.of(jvmFlags));
      cmd.addAll(List.of(ParentScenarios.class.getName(), scenario, method));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.redirectError(stderr);
      jvm = pb.start();
    }

    /** Reads stdout until a line starting with {@code prefix} (bounded by the test timeout). */
    String await(String prefix) throws IOException {
      BufferedReader r = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      throw new AssertionError("program ended without printing '" + prefix + "': " + lines + " stderr: " + err());
    }

    List<String> rest() throws IOException {
      BufferedReader r = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
      return lines;
    }

    int exitValue(long seconds) throws Exception {
      assertTrue(jvm.waitFor(seconds, TimeUnit.SECONDS), "program did not end within " + seconds + " s");
      return jvm.exitValue();
    }

    String err() throws IOException {
      return Files.readString(stderr.toPath());
    }
  }

  static void assertGone(long pid, long seconds) throws Exception {
    var h = ProcessHandle.of(pid);
    if (h.isPresent()) {
      CompletableFuture<ProcessHandle> exit = h.get().onExit();
      exit.get(seconds, TimeUnit.SECONDS);
    }
  }

  static long[] pids(String line) {
    String[] parts = line.split(" ");
    long[] r = new long[parts.length - 1];
    for (int i = 1; i < parts.length; i++) {
      r[i - 1] = Long.parseLong(parts[i]);
    }
    return r;
  }

  @ParameterizedTest
  @ValueSource(strings = {"spawn", "forkserver"})
  void parentKilled_everyChildExits(String method) throws Exception {
    Program p = new Program("orphans", method);
    long[] pids = pids(p.await("PIDS"));
    p.jvm.destroyForcibly();
    p.exitValue(30);
    for (long pid : pids) {
      assertGone(pid, 30);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"spawn", "forkserver"})
  void mainReturns_daemonChildTerminated_programEnds(String method) throws Exception {
    Program p = new Program("exit-daemon", method);
    long[] pids = pids(p.await("PIDS"));
    assertEquals(0, p.exitValue(60), p.err());
    assertGone(pids[0], 10);
  }

  @ParameterizedTest
  @ValueSource(strings = {"spawn", "forkserver"})
  void mainReturns_nonDaemonChildJoinedFirst(String method) throws Exception {
    Program p = new Program("exit-nondaemon", method);
    List<String> out = p.rest();
    assertEquals(0, p.exitValue(60), p.err());
    assertEquals(List.of("main done", "child done"), out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"spawn", "forkserver"})
  void systemExitInParent_terminatesDaemons_joinsOthers(String method) throws Exception {
    Program p = new Program("system-exit-parent", method);
    long[] pids = pids(p.await("PIDS"));
    List<String> out = p.rest();
    assertEquals(3, p.exitValue(60), p.err());
    assertTrue(out.contains("child done"), out.toString());
    assertGone(pids[0], 10);
    assertGone(pids[1], 10);
  }

  @ParameterizedTest
  @ValueSource(strings = {"spawn", "forkserver"})
  void childOutput_reachesParentsStdoutAndStderr_beforeJoinReturns(String method) throws Exception {
    Program p = new Program("stdout", method);
    List<String> out = p.rest();
    assertEquals(0, p.exitValue(60), p.err());
    assertEquals(List.of("hello bob", "joined 0"), out);
    assertTrue(p.err().contains("to stderr"), p.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"spawn", "forkserver"})
  void uncaughtException_printsTraceOnChildStderr(String method) throws Exception {
    Program p = new Program("exception", method);
    List<String> out = p.rest();
    assertEquals(0, p.exitValue(60), p.err());
    assertEquals(List.of("exitcode 1"), out);
    String err = p.err();
    assertTrue(err.contains("Process Process-1:"), err);
    assertTrue(err.contains("java.lang.IllegalStateException: boom"), err);
    assertTrue(err.contains("\tat "), err);
  }

  @ParameterizedTest
  @ValueSource(strings = {"spawn", "forkserver"})
  void clusterXml_programAndChildrenJoinThroughIt(String method) throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    String name = "mp-xml-" + java.util.UUID.randomUUID();
    File xml = File.createTempFile("cluster", ".xml");
    xml.deleteOnExit();
    Files.writeString(xml.toPath(), "<hazelcast xmlns=\"http://www.hazelcast.com/schema/config\">\n"
        + "  <cluster-name>" + name + "</cluster-name>\n"
        + "  <network>\n"
        + "    <port auto-increment=\"true\" port-count=\"50\">" + port + "</port>\n"
        + "    <interfaces enabled=\"true\"><interface>127.0.0.1</interface></interfaces>\n"
        + "    <join>\n"
        + "      <multicast enabled=\"false\"/>\n"
        + "      <tcp-ip enabled=\"true\"><member>127.0.0.1:" + port + "</member></tcp-ip>\n"
        + "    </join>\n"
        + "  </network>\n"
        + "</hazelcast>\n");
    Program p = new Program("cluster-name", method, "-Dmultiprocessing.cluster.config=" + xml.getAbsolutePath());
    List<String> out = p.rest();
    assertEquals(0, p.exitValue(90), p.err());
    assertEquals(List.of("parent " + name, "child " + name), out);
  }
}
