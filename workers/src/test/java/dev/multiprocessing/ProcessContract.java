package dev.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multiprocessing.codecs.PicklingError;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour of {@link Process}, written once and run against each start method (as CPython's
 * {@code _TestProcess} runs against each context). Children report what they saw through their
 * exit code: {@link #expect} exits 0 when a condition holds in the child and 99 when it does not.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class ProcessContract {

  /** The start method under test. */
  abstract MpContext ctx();

  /** A condition evaluated in the child. */
  interface Check extends java.io.Serializable {
    boolean holds() throws Exception;
  }

  /** A target that exits 0 if {@code check} holds in the child, 99 otherwise. */
  static Target expect(Check check) {
    return () -> System.exit(check.holds() ? 0 : 99);
  }

  int runToEnd(Target t) {
    Process p = ctx().process(t);
    p.start();
    p.join();
    return p.getExitCode();
  }

  @Test
  void targetReturns_exitCodeZero() {
    Process p = ctx().process(() -> { });
    assertNull(p.getExitCode());
    p.start();
    assertNotNull(p.getPid());
    p.join();
    assertEquals(0, p.getExitCode());
    assertFalse(p.isAlive());
  }

  @Test
  void jvmOptions_reachTheChildsJvm_afterTheDefaults() {
    Process p = ctx().process(new ProcessOptions()
        .setTarget(expect(() -> "on".equals(System.getProperty("mp.test.flag"))
            && java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-Xmx200m")))
        .setJvmOptions(List.of("-Dmp.test.flag=on", "-Xmx200m")));
    assertEquals(List.of("-Dmp.test.flag=on", "-Xmx200m"), p.getJvmOptions());
    p.start();
    p.join();
    assertEquals(0, p.getExitCode(), "the child saw the property and the heap flag");
    assertEquals(0, runToEnd(expect(() -> System.getProperty("mp.test.flag") == null)), "without options: none");
  }

  @Test
  void jvmOptions_thatAreNotFlags_raiseIllegalArgumentException() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ProcessOptions().setJvmOptions(List.of("-Xmx200m", "Xss1m")));
    assertTrue(e.getMessage().contains("'Xss1m'"), e.getMessage());
  }

  @Test
  void systemExit_givesItsStatus_evenAbove128() {
    assertEquals(3, runToEnd(() -> System.exit(3)));
    assertEquals(137, runToEnd(() -> System.exit(137)));
  }

  @Test
  void uncaughtException_givesOne() {
    assertEquals(1, runToEnd(() -> {
      throw new IllegalStateException("boom");
    }));
  }

  @Test
  void terminate_givesMinus15() {
    Process p = ctx().process(ProcessContract::sleepForever);
    p.start();
    assertTrue(p.isAlive());
    p.terminate();
    p.join();
    assertEquals(-15, p.getExitCode());
    assertFalse(p.isAlive());
  }

  @Test
  void kill_givesMinus9() {
    Process p = ctx().process(ProcessContract::sleepForever);
    p.start();
    p.kill();
    p.join();
    assertEquals(-9, p.getExitCode());
  }

  @Test
  void terminate_runsNoFinallyBlock() {
    Process p = ctx().process(() -> {
      try {
        sleepForever();
      } finally {
        Runtime.getRuntime().halt(42);
      }
    });
    p.start();
    p.terminate();
    p.join();
    assertEquals(-15, p.getExitCode());
  }

  @Test
  void joinWithTimeout_returnsWhileChildRuns() {
    Process p = ctx().process(ProcessContract::sleepForever);
    p.start();
    long t0 = System.nanoTime();
    p.join(0.3);
    double waited = (System.nanoTime() - t0) / 1e9;
    assertTrue(p.isAlive());
    assertNull(p.getExitCode());
    assertTrue(waited >= 0.25 && waited < 5, "waited " + waited);
    p.kill();
    p.join();
  }

  @Test
  void sentinel_completesWithExitCode() throws Exception {
    Process p = ctx().process(() -> System.exit(7));
    p.start();
    assertEquals(p.getSentinel(), p.getSentinel());
    assertEquals(7, p.getSentinel().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
  }

  @Test
  void names_followPythonCounter_andChildSeesItsName() {
    Process a = ctx().process(() -> { });
    Process b = ctx().process(() -> { });
    int na = Integer.parseInt(a.getName().substring("Process-".length()));
    assertEquals("Process-" + (na + 1), b.getName());
    Process c = ctx().process(expect(() -> Multiprocessing.currentProcess().getName().equals("renamed")));
    c.setName("renamed");
    c.start();
    c.join();
    assertEquals(0, c.getExitCode());
  }

  @Test
  void grandchildren_areNamedNColonM() {
    Process p = ctx().process(expect(() -> {
      String me = Multiprocessing.currentProcess().getName();
      Process g = Multiprocessing.getContext(Multiprocessing.currentProcess().getStartMethod())
          .process(() -> { });
      return g.getName().equals(me + ":1");
    }));
    p.start();
    p.join();
    assertEquals(0, p.getExitCode());
  }

  @Test
  void grandchild_startsAndJoinsFromChild() {
    String method = ctx().getStartMethod();
    assertEquals(0, runToEnd(expect(() -> {
      Process g = Multiprocessing.getContext(method).process(() -> System.exit(5));
      g.start();
      g.join();
      return g.getExitCode() == 5
          && Multiprocessing.parentProcess() != null;
    })));
  }

  @Test
  void child_seesParentAuthkeyAndParentProcess() {
    byte[] key = Multiprocessing.currentProcess().getAuthkey();
    long myPid = ProcessHandle.current().pid();
    assertEquals(0, runToEnd(expect(() -> java.util.Arrays.equals(Multiprocessing.currentProcess().getAuthkey(), key)
        && Multiprocessing.parentProcess().getPid() == myPid
        && Multiprocessing.parentProcess().getName().equals("MainProcess")
        && Multiprocessing.parentProcess().isAlive()
        && Multiprocessing.currentProcess().getPid() == ProcessHandle.current().pid())));
  }

  @Test
  void authkey_setOnProcess_reachesChild() {
    byte[] key = {1, 2, 3};
    Process p = ctx().process(expect(() -> java.util.Arrays.equals(Multiprocessing.currentProcess().getAuthkey(),
        new byte[] {1, 2, 3})));
    p.setAuthkey(key);
    assertArrayEquals(key, p.getAuthkey());
    p.start();
    p.join();
    assertEquals(0, p.getExitCode());
  }

  @Test
  void daemon_isInheritedAndCannotHaveChildren() {
    Process p = ctx().process(expect(() -> {
      if (!Multiprocessing.currentProcess().isDaemon()) {
        return false;
      }
      Process g = new Process(() -> { });
      if (!g.isDaemon()) {
        return false;
      }
      try {
        g.start();
        return false;
      } catch (IllegalStateException e) {
        return e.getMessage().contains("daemonic processes are not allowed to have children");
      }
    }));
    p.setDaemon(true);
    p.start();
    p.join();
    assertEquals(0, p.getExitCode());
  }

  @Test
  void subclass_runOverride_travelsWithItsFields() {
    Process p = new ExitWith(11);
    p.start();
    p.join();
    assertEquals(11, p.getExitCode());
    assertTrue(p.getName().startsWith("ExitWith-"), p.getName());
  }

  /** A subclass whose field must reach the child. */
  static final class ExitWith extends Process {
    private static final long serialVersionUID = 1L;
    private final int code;

    ExitWith(int code) {
      this.code = code;
    }

    @Override
    public void run() {
      System.exit(code);
    }
  }

  @Test
  void misuse_raisesPythonsErrors() {
    Process p = ctx().process(() -> { });
    assertThrows(IllegalStateException.class, p::join, "join before start");
    assertThrows(IllegalStateException.class, p::terminate, "terminate before start");
    assertThrows(IllegalStateException.class, p::getSentinel, "sentinel before start");
    p.start();
    IllegalStateException twice = assertThrows(IllegalStateException.class, p::start);
    assertTrue(twice.getMessage().contains("twice"));
    p.join();
    p.close();
    assertThrows(IllegalStateException.class, p::isAlive);
    assertThrows(IllegalStateException.class, p::join);
    assertThrows(IllegalStateException.class, p::getExitCode);
    assertThrows(IllegalStateException.class, () -> Multiprocessing.currentProcess().join());
  }

  @Test
  void close_whileRunning_raises_andProcessKeepsRunning() {
    Process p = ctx().process(ProcessContract::sleepForever);
    p.start();
    assertThrows(IllegalStateException.class, p::close);
    assertTrue(p.isAlive());
    p.kill();
    p.join();
    p.close();
  }

  @Test
  void unserializableTarget_failsAtStart_namingTheClass() {
    Thread notSerializable = new Thread(() -> { });
    Process p = ctx().process(() -> notSerializable.getName());
    PicklingError e = assertThrows(PicklingError.class, p::start);
    assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
    assertFalse(p.isAlive());
    assertEquals(0, runToEnd(() -> { }), "the runtime keeps working");
  }

  @Test
  void activeChildren_listsLiveOnes_andReapsFinished() {
    Process p = ctx().process(ProcessContract::sleepForever);
    p.start();
    assertTrue(Multiprocessing.activeChildren().contains(p));
    p.terminate();
    p.join();
    assertFalse(Multiprocessing.activeChildren().contains(p));
  }

  @Test
  void manyProcesses_runInParallel() {
    Process[] ps = new Process[4];
    for (int i = 0; i < ps.length; i++) {
      int code = 20 + i;
      ps[i] = ctx().process(() -> System.exit(code));
      ps[i].start();
    }
    for (int i = 0; i < ps.length; i++) {
      ps[i].join();
      assertEquals(20 + i, ps[i].getExitCode());
    }
  }

  static void sleepForever() throws InterruptedException {
    new CountDownLatch(1).await();
  }
}
