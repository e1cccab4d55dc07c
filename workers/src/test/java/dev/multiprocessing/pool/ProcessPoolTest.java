package dev.multiprocessing.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.codecs.PicklingError;
import dev.multiprocessing.connection.Connection;
import dev.multiprocessing.connection.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PoolContract} over worker processes (forkserver JVMs), plus what only processes do:
 * workers that die (SIGKILL, System.exit, out of memory), values that cannot be pickled,
 * maxtasksperchild, and no JVM left behind by terminate.
 */
class ProcessPoolTest extends PoolContract {

  @Override
  Pool newPool(PoolOptions options) {
    return Multiprocessing.getContext("forkserver").pool(options);
  }

  @Override
  void assertGone(List<Long> workerPids) {
    assertFalse(workerPids.isEmpty());
    for (long pid : workerPids) {
      assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "worker JVM " + pid + " is gone");
    }
  }

  /** One worker, replaced after two tasks, and a task whose worker died runs once more. */
  Pool single;

  @BeforeAll
  void startSingle() {
    // this class starts a dozen worker JVMs: have the fork server boot them ahead of the tests
    dev.multiprocessing.impl.MpRuntime.get().forkServer().keepWarm(4);
    single = newPool(new PoolOptions().setProcesses(1).setMaxTasksPerChild(2).setMaxRetries(1));
  }

  @AfterAll
  void endSingle() {
    single.terminate();
    single.join();
  }

  /** A task that sends its worker's pid through {@code pid}, then blocks until its worker dies. */
  static long pidOfBlockedTask(Pool p, List<AsyncResult<Object>> out) {
    Pipe pipe = Multiprocessing.pipe();
    Connection w = pipe.conn2();
    out.add(p.applyAsync(() -> {
      w.send(ProcessHandle.current().pid());
      new CountDownLatch(1).await();
      return null;
    }));
    return (Long) pipe.conn1().recv();
  }

  @Test
  void workerJvmOptions_reachEachWorker_whoseJvmIsFresh() {
    try (Pool pool = newPool(new PoolOptions().setProcesses(2)
        .setWorkerJvmOptions(List.of("-Dmp.test.worker=yes", "-XX:TieredStopAtLevel=4")))) {
      List<String> seen = pool.map(x -> System.getProperty("mp.test.worker") + " "
          + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
              .contains("-XX:TieredStopAtLevel=4"), range(8), 1);
      assertEquals(java.util.Collections.nCopies(8, "yes true"), seen);
      pool.terminate();
    }
    assertThrows(IllegalArgumentException.class, () -> new PoolOptions().setWorkerJvmOptions(List.of("Xmx1g")));
  }

  @Test
  void workerKilledBySigkill_failsItsTaskWithTheExitCode_withinASecond_othersComplete() {
    List<AsyncResult<Object>> blocked = new ArrayList<>();
    long pid = pidOfBlockedTask(shared, blocked);
    AsyncResult<List<Integer>> others = shared.mapAsync(Tasks::sq, range(200), 1, null, null);
    long t0 = System.nanoTime();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    WorkerDiedError e = assertThrows(WorkerDiedError.class, () -> blocked.get(0).get(30));
    double ms = (System.nanoTime() - t0) / 1e6;
    System.out.printf("SIGKILL of pool worker %d -> its task's WorkerDiedError: %.1f ms%n", pid, ms);
    assertEquals(-9, e.getExitCode(), e.getMessage());
    assertTrue(e.getMessage().contains("exit code -9"), e.getMessage());
    assertTrue(ms < 3000, "the task failed " + ms + " ms after the SIGKILL (target: within a second)");
    assertEquals(range(200).stream().map(Tasks::sq).toList(), others.get(60));
    assertNotEquals(pid, shared.apply(() -> ProcessHandle.current().pid()));
  }

  @Test
  void systemExitInATask_failsThatTaskWithItsStatus_andThePoolGoesOn() {
    WorkerDiedError e = assertThrows(WorkerDiedError.class, () -> shared.apply(() -> {
      System.exit(7);
      return null;
    }));
    assertEquals(7, e.getExitCode());
    assertEquals(List.of(1, 4, 9), shared.map(Tasks::sq, List.of(1, 2, 3)));
  }

  @Test
  void workerDeathAmidFastBatchedTasks_failsExactlyTheTaskItWasRunning() {
    PoolIterator<Integer> it = shared.imap(x -> {
      if (x == 700) {
        System.exit(5);
      }
      return x;
    }, range(1500));
    for (int i = 0; i < 1500; i++) {
      if (i == 700) {
        WorkerDiedError e = assertThrows(WorkerDiedError.class, it::next);
        assertEquals(5, e.getExitCode());
        assertTrue(e.getMessage().contains("items 700..700"), e.getMessage());
      } else {
        assertEquals(i, it.next());
      }
    }
  }

  @Test
  void outOfMemoryInATask_endsItsWorker_withExitCode3() {
    WorkerDiedError e = assertThrows(WorkerDiedError.class, () -> shared.apply(() -> {
      throw new OutOfMemoryError("Java heap space (simulated)");
    }));
    assertEquals(3, e.getExitCode());
    assertEquals(16, shared.apply(() -> Tasks.sq(4)));
  }

  @Test
  void unserializableResult_failsThatTaskOnly() {
    MaybeEncodingError e = assertThrows(MaybeEncodingError.class, () -> shared.apply(() -> new Thread()));
    assertInstanceOf(PicklingError.class, e.getCause());
    assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
    PoolIterator<Object> it = shared.imap(x -> x == 1 ? new Object() : x, List.of(0, 1, 2));
    assertEquals(0, it.next());
    assertThrows(MaybeEncodingError.class, it::next);
    assertEquals(2, it.next());
    assertThrows(NoSuchElementException.class, it::next);
  }

  @Test
  void unserializableArgument_failsThatTaskOnly() {
    PoolIterator<Object> it = shared.imap(x -> "got " + x, List.of(1, new Object(), 3));
    assertEquals("got 1", it.next());
    PicklingError e = assertThrows(PicklingError.class, it::next);
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    assertEquals("got 3", it.next());
    Object unpicklable = new Object();
    assertThrows(PicklingError.class, () -> shared.applyAsync(() -> unpicklable.hashCode()));
    assertEquals(List.of(1, 4), shared.map(Tasks::sq, List.of(1, 2)));
  }

  @Test
  void maxTasksPerChild_replacesAWorkerAfterThatManyTasks() {
    List<Long> pids = single.map(x -> ProcessHandle.current().pid(), range(6), 1);
    assertTrue(new HashSet<>(pids).size() >= 3, pids.toString());
    for (long pid : pids) {
      assertTrue(pids.stream().filter(x -> x == pid).count() <= 2, "no worker runs more than 2 tasks: " + pids);
    }
  }

  @Test
  void retriesOption_runsATaskWhoseWorkerDiedAgain() throws Exception {
    Path marker = Files.createTempFile("pool-retry-", ".marker");
    Files.delete(marker);
    String m = marker.toString();
    try {
      assertEquals("second run", single.apply(() -> {
        if (Files.exists(Path.of(m))) {
          return "second run";
        }
        Files.createFile(Path.of(m));
        System.exit(9);
        return "unreachable";
      }));
    } finally {
      Files.deleteIfExists(marker);
    }
  }

  @Test
  void workers_areDaemonProcessesNamedAsInPython() {
    String w = shared.apply(Tasks::worker);
    assertTrue(w.startsWith("ForkServerPoolWorker-"), w);
    assertNotEquals(ProcessHandle.current().pid(), Long.parseLong(w.split("/")[1]));
  }
}
