package dev.multiprocessing.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each example's {@code main} in a fresh JVM, as a user runs it: it prints what Python prints and
 * its JVM ends by itself.
 */
class ExamplesTest {

  @Test
  void helloBob() throws Exception {
    ExampleRun run = ExampleRun.of(HelloBob.class).assertSucceeded();
    assertEquals(1, run.count("hello bob"), run::toString);
  }

  @Test
  void processInfo() throws Exception {
    ExampleRun run = ExampleRun.of(ProcessInfo.class).assertSucceeded();
    int main = run.indexOf("main line");
    int child = run.indexOf("function f");
    assertTrue(main >= 0 && child > main, run::toString);
    List<String> l = run.lines();
    assertEquals("module name: __main__", l.get(main + 1), run::toString);
    assertEquals("module name: __mp_main__", l.get(child + 1), run::toString);
    long mainPid = number(l.get(main + 3), "process id: ");
    long childParent = number(l.get(child + 2), "parent process: ");
    long childPid = number(l.get(child + 3), "process id: ");
    assertEquals(mainPid, childParent, "the child's parent is the main process\n" + run);
    assertNotEquals(mainPid, childPid, run::toString);
    assertTrue(number(l.get(main + 2), "parent process: ") > 0, run::toString);
    assertEquals("hello bob", l.get(child + 4), run::toString);
  }

  @Test
  void tenLongRunningFunctions() throws Exception {
    ExampleRun run = ExampleRun.of(TenLongRunningFunctions.class).assertSucceeded();
    Matcher m = run.match("10 functions of 5 s each, run as 10 processes, finished in (\\d+\\.\\d) s"
        + " \\(one after another: 50 s\\)");
    double elapsed = Double.parseDouble(m.group(1));

    // Each function's interval [start, end], in seconds since the parent started its first process.
    double[] start = new double[10];
    double[] end = new double[10];
    for (int n = 1; n <= 10; n++) {
      start[n - 1] = seconds(run, "long_running_function " + n + " started at (\\d+\\.\\d) s");
      end[n - 1] = seconds(run, "long_running_function " + n + " finished at (\\d+\\.\\d) s");
      double slept = end[n - 1] - start[n - 1];
      assertTrue(slept >= 4.9, () -> "each function sleeps 5 s, one took " + slept + "\n" + run);
      assertTrue(end[n - 1] <= elapsed + 0.1, () -> "each function ends before join() returns\n" + run);
    }
    double first = Arrays.stream(start).min().getAsDouble();
    double last = Arrays.stream(end).max().getAsDouble();

    // Parallelism, not JVM boot: the intervals overlap (most at once is 1 when run one after
    // another), and the ten functions, 50 s of sleep, are done well within 50 s of the first start.
    // Timing from the first start leaves out booting this JVM's runtime, whose time depends on the
    // machine's load; the child JVMs' boots, a second or two of CPU each, remain within the bound.
    int mostAtOnce = 0;
    for (double at : start) {
      int running = 0;
      for (int i = 0; i < 10; i++) {
        if (start[i] <= at && at < end[i]) {
          running++;
        }
      }
      mostAtOnce = Math.max(mostAtOnce, running);
    }
    int most = mostAtOnce;
    assertTrue(most >= 2, () -> "the functions run at the same time (most at once: " + most + ")\n" + run);
    double span = last - first;
    assertTrue(span < 35.0, () -> "ten 5 s functions run in parallel must take well under 50 s, took "
        + span + " s from the first start\n" + run);
  }

  @Test
  void processMethods() throws Exception {
    ExampleRun run = ExampleRun.of(ProcessMethods.class).assertSucceeded();
    List<String> l = run.lines();
    assertEquals(4, l.size(), run::toString);
    assertTrue(l.get(0).matches("<Process name='Process-1' initial> False"), run::toString);
    Matcher started = run.match("<Process name='Process-1' pid=(\\d+) started> True");
    Matcher stopped = run.match("<Process name='Process-1' pid=(\\d+) stopped exitcode=-15> False");
    assertEquals(started.group(1), stopped.group(1), run::toString);
    assertEquals("True", l.get(3), run::toString);
  }

  @Test
  void startMethods() throws Exception {
    ExampleRun run = ExampleRun.of(StartMethods.class).assertSucceeded();
    run.assertLine("all start methods: [forkserver, spawn], default: forkserver");
    run.assertLine("hello from Process-1 started with spawn");
    run.assertLine("hello from Process-2 started with forkserver");
    run.assertLine("hello from Process-3 started with forkserver");
    run.match("spawn: Process-1 exitcode=0, start to join took \\d+ ms");
    run.match("forkserver: Process-2 exitcode=0, start to join took \\d+ ms");
    run.match("forkserver: Process-3 exitcode=0, start to join took \\d+ ms");
    run.assertLine("get_context('fork') raised IllegalArgumentException: cannot find context for 'fork':"
        + " available start methods are [forkserver, spawn] (a JVM cannot fork itself)");
  }

  /** QueueExample's output (checked on its section of the tour, which runs it). */
  static void queueExample(ExampleRun run) {
    assertEquals(List.of("[42, null, hello]"), run.lines(), run::toString);
  }

  /** StartMethodQueues's output (checked on its section of the tour, which runs it). */
  static void startMethodQueues(ExampleRun run) {
    assertEquals(List.of("hello", "hello"), run.lines(), run::toString);
  }

  /** WorkerQueues's output (checked on its section of the tour, which runs it). */
  static void workerQueues(ExampleRun run) {
    assertWorkerQueuesOutput(run, run.lines());
  }

  /**
   * "Unordered results:", then 30 lines "\t Process-k says that f(a, b) = r": mul(i, 7) for i in
   * 0..19 then plus(i, 8) for i in 0..9, each exactly once, with the right result, by one of the
   * four workers, and the mul results before any plus result.
   */
  private static void assertWorkerQueuesOutput(ExampleRun run, List<String> lines) {
    assertEquals("Unordered results:", lines.get(0), run::toString);
    Pattern result = Pattern.compile("\t Process-(\\d+) says that (mul|plus)\\((\\d+), (\\d+)\\) = (\\d+)");
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.Set<String> workers = new java.util.HashSet<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher m = result.matcher(line);
      assertTrue(m.matches(), () -> "unexpected line '" + line + "'\n" + run);
      int a = Integer.parseInt(m.group(3));
      int b = Integer.parseInt(m.group(4));
      boolean mul = m.group(2).equals("mul");
      assertEquals(mul ? a * b : a + b, Integer.parseInt(m.group(5)), line);
      assertEquals(mul, i <= 20, () -> "20 mul results, then 10 plus results\n" + run);
      assertTrue(seen.add(m.group(2) + a), () -> "each task once\n" + run);
      workers.add(m.group(1));
    }
    assertEquals(30, seen.size(), run::toString);
    assertTrue(workers.size() >= 2 && workers.size() <= 4, () -> "the four workers share the tasks\n" + run);
  }

  @Test
  void pipe() throws Exception {
    ExampleRun run = ExampleRun.of(PipeExample.class).assertSucceeded();
    assertEquals(List.of("[42, null, hello]"), run.lines(), run::toString);
  }

  @Test
  void connectionMethods() throws Exception {
    ExampleRun run = ExampleRun.of(ConnectionMethods.class).assertSucceeded();
    assertEquals(List.of(
        "[1, hello, null]",
        "b'thank you'",
        "array('i', [0, 1, 2, 3, 4, 0, 0, 0, 0, 0])"), run.lines(), run::toString);
  }

  @Test
  void connectionWait() throws Exception {
    ExampleRun run = ExampleRun.of(ConnectionWait.class).assertSucceeded();
    assertConnectionWaitOutput(run, run.lines());
  }

  @Test
  void verticle() throws Exception {
    ExampleRun run = ExampleRun.of(VerticleExample.class).assertSucceeded();
    run.match("\\[verticle\\] starting a process on vert\\.x-eventloop-thread-\\d+");
    Matcher join = run.match("\\[verticle\\] p\\.join\\(\\) on the event loop: (.*)");
    assertTrue(join.group(1).contains("joinAsync()"), run::toString);
    run.match("hello from Process-1, started by a verticle of process \\d+");
    run.match("\\[verticle\\] Process-1 ended with exit code 0 \\(seen on vert\\.x-eventloop-thread-\\d+\\)");
    run.assertLine("the application's process ended with exit code 0");
  }

  @Test
  void tour() throws Exception {
    ExampleRun run = ExampleRun.of(Tour.class, 4 * ExampleRun.TIMEOUT_SECONDS).assertSucceeded();
    Map<String, List<String>> sections = sections(run);
    assertTrue(sections.size() >= 12, () -> "every example's header, numbered in order\n" + run);
    assertEquals(2, run.count("hello bob"), run::toString);
    run.match("10 functions of 5 s each, run as 10 processes, finished in \\d+\\.\\d s \\(one after another: 50 s\\)");
    run.match("<Process name='Process-\\d+' pid=\\d+ stopped exitcode=-15> False");
    assertEquals(List.of("[42, null, hello]"), sections.get("PipeExample"), run::toString);
    assertEquals(List.of("[1, hello, null]", "b'thank you'", "array('i', [0, 1, 2, 3, 4, 0, 0, 0, 0, 0])"),
        sections.get("ConnectionMethods"), run::toString);
    assertConnectionWaitOutput(run, sections.get("ConnectionWait"));
    run.assertLine("the verticle's process ended with exit code 0");
    queueExample(section(run, sections, "QueueExample"));
    workerQueues(section(run, sections, "WorkerQueues"));
    startMethodQueues(section(run, sections, "StartMethodQueues"));
    lockExample(section(run, sections, "LockExample"));
    valueArrayExample(section(run, sections, "ValueArrayExample"));
    sharedctypesExample(section(run, sections, "SharedctypesExample"));
    poolSquares(section(run, sections, "PoolSquares"));
    poolTour(section(run, sections, "PoolTour"));
    poolDemo(section(run, sections, "PoolDemo"));
    mapVsMapAsync(section(run, sections, "MapVsMapAsync"));
    starmapAndPartial(section(run, sections, "StarmapAndPartial"));
    assertEquals(1, run.count("[1, 4, 9]"), "PoolSquares\n" + run);
    run.assertLine("Now the pool is closed and no longer available");
    // 10-12: the synchronization and shared ctypes examples.
    for (int i = 0; i < 10; i++) {
      run.assertLine("hello world " + i);
    }
    run.assertLine("[0, -1, -2, -3, -4, -5, -6, -7, -8, -9]");
    run.assertLine("[(3.515625, 39.0625), (33.0625, 4.0), (5.640625, 90.25)]");
  }

  /** LockExample's output (checked on its section of the tour, which runs it). */
  static void lockExample(ExampleRun run) {
    List<String> sorted = new ArrayList<>(run.lines());
    sorted.sort(null);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      expected.add("hello world " + i);
    }
    assertEquals(expected, sorted, run::toString);
  }

  /** ValueArrayExample's output (checked on its section of the tour, which runs it). */
  static void valueArrayExample(ExampleRun run) {
    assertEquals(List.of("3.1415927", "[0, -1, -2, -3, -4, -5, -6, -7, -8, -9]"), run.lines(), run::toString);
  }

  /** SharedctypesExample's output (checked on its section of the tour, which runs it). */
  static void sharedctypesExample(ExampleRun run) {
    assertEquals(List.of("49", "0.1111111111111111", "HELLO WORLD",
        "[(3.515625, 39.0625), (33.0625, 4.0), (5.640625, 90.25)]"), run.lines(), run::toString);
  }

  /** PoolSquares's output (checked on its section of the tour, which runs it). */
  static void poolSquares(ExampleRun run) {
    assertEquals(List.of("[1, 4, 9]"), run.lines(), run::toString);
  }

  /** PoolTour's output (checked on its section of the tour, which runs it). */
  static void poolTour(ExampleRun run) {
    List<String> l = run.lines();
    assertEquals("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", l.get(0), run::toString);
    List<Integer> unordered = new ArrayList<>();
    l.subList(1, 11).forEach(x -> unordered.add(Integer.parseInt(x)));
    unordered.sort(null);
    assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81), unordered, run::toString);
    assertEquals("400", l.get(11), run::toString);
    assertTrue(Long.parseLong(l.get(12)) > 0, run::toString);
    assertTrue(l.get(13).matches("\\[\\d+, \\d+, \\d+, \\d+\\]"), run::toString);
    assertEquals(List.of("We lacked patience and got a multiprocessing.TimeoutError",
        "For the moment, the pool remains available for more work", "100", "0", "1", "4",
        "Now the pool is closed and no longer available"), l.subList(14, 21), run::toString);
    assertEquals(21, l.size(), "the sleeping worker is terminated, not waited for\n" + run);
  }

  /** PoolDemo's output (checked on its section of the tour, which runs it). */
  static void poolDemo(ExampleRun run) {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      expected.add("mul(" + i + ", 7) = " + (i * 7));
    }
    for (int i = 0; i < 10; i++) {
      expected.add("plus(" + i + ", 8) = " + (i + 8));
    }
    for (String title : List.of("Ordered results using pool.apply_async():", "Ordered results using pool.imap():",
        "Ordered results using pool.map() --- will block till complete:")) {
      int at = run.indexOf(title);
      assertTrue(at >= 0, run::toString);
      List<String> got = new ArrayList<>();
      for (String line : run.lines().subList(at + 1, at + 21)) {
        Matcher m = Pattern.compile("\\t ForkServerPoolWorker-\\d+ says that (.*)").matcher(line);
        assertTrue(m.matches(), () -> line + "\n" + run);
        got.add(m.group(1));
      }
      assertEquals(expected, got, run::toString);
    }
    int at = run.indexOf("Unordered results using pool.imap_unordered():");
    List<String> unordered = new ArrayList<>(run.lines().subList(at + 1, at + 21));
    assertEquals(20, unordered.stream().map(x -> x.replaceAll(".* says that ", "")).distinct()
        .filter(expected::contains).count(), run::toString);
    for (String from : List.of("pool.apply()", "pool.map()", "list(pool.imap())", "IMapIterator.next()")) {
      run.assertLine("\tGot ArithmeticException as expected from " + from);
    }
    run.match("Testing ApplyResult\\.get\\(\\) with timeout:\\.*");
    run.match("\\tForkServerPoolWorker-\\d+ says that mul\\(0, 7\\) = 0");
    run.match("Testing IMapIterator\\.next\\(\\) with timeout:\\.*");
  }

  /** MapVsMapAsync's output (checked on its section of the tour, which runs it). */
  static void mapVsMapAsync(ExampleRun run) {
    List<String> l = run.lines();
    assertTrue(run.indexOf("after p.map(): [1, 4]") > run.indexOf("function f(2) gets executed"), run::toString);
    int after = run.indexOf("after p.map_async(): ready=false");
    assertTrue(after >= 0 && after < run.indexOf("function f(3) gets executed"), run::toString);
    assertEquals("result.get(): [9, 16]", l.get(l.size() - 1), run::toString);
  }

  /** StarmapAndPartial's output (checked on its section of the tour, which runs it). */
  static void starmapAndPartial(ExampleRun run) {
    assertEquals(List.of("starmap: [2, 12]", "partial: [10, 20, 30]"), run.lines(), run::toString);
  }

  @Test
  void poolHttpVerticle() throws Exception {
    ExampleRun run = ExampleRun.of(PoolHttpVerticle.class).assertSucceeded();
    run.assertLine("[app] {\"below\":2000000,\"primes\":148933}");
    run.assertLine("[app] {\"below\":3000000,\"primes\":216816}");
    run.assertLine("[app] {\"below\":4000000,\"primes\":283146}");
    run.assertLine("[app] /ping answered pong while the prime counts ran: true");
  }

  /** The tour's lines of one example, as a run of its own (for the checks above). */
  private static ExampleRun section(ExampleRun run, Map<String, List<String>> sections, String name) {
    List<String> lines = sections.get(name);
    assertTrue(lines != null, () -> "no section " + name + " in the tour\n" + run);
    return new ExampleRun(run.status(), lines, run.stderr(), run.seconds());
  }

  /**
   * The tour's sections by example name: the lines after a header {@code === n. Name: ... ===},
   * before the blank line that precedes the next header. Headers must be numbered 1, 2, ...
   */
  private static Map<String, List<String>> sections(ExampleRun run) {
    Pattern header = Pattern.compile("=== (\\d+)\\. (\\w+)[: ].* ===|=== end of the tour ===");
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    List<String> lines = run.lines();
    String current = null;
    int from = 0;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = header.matcher(lines.get(i));
      if (!m.matches()) {
        continue;
      }
      if (current != null) {
        out.put(current, lines.subList(from, Math.max(from, i - 1)));
      }
      if (m.group(1) == null) {
        return out;
      }
      int number = Integer.parseInt(m.group(1));
      assertEquals(out.size() + 1, number, () -> "headers numbered in order\n" + run);
      current = m.group(2);
      from = i + 1;
    }
    throw new AssertionError("no end of the tour\n" + run);
  }

  /**
   * ConnectionWait prints forty tuples {@code (i, 'Process-k')}: four processes, each with its ten
   * messages 0 to 9 in order, the processes interleaved in any way.
   */
  private static void assertConnectionWaitOutput(ExampleRun run, List<String> lines) {
    Pattern tuple = Pattern.compile("\\((\\d+), 'Process-(\\d+)'\\)");
    Map<String, List<Integer>> byProcess = new TreeMap<>();
    for (String line : lines) {
      Matcher m = tuple.matcher(line);
      assertTrue(m.matches(), () -> "unexpected line '" + line + "'\n" + run);
      byProcess.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(Integer.parseInt(m.group(1)));
    }
    assertEquals(4, byProcess.size(), () -> "four processes\n" + run);
    List<Integer> zeroToNine = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    byProcess.forEach((name, received) ->
        assertEquals(zeroToNine, received, () -> "Process-" + name + "'s messages, in order\n" + run));
  }

  /** The number in the first line matching {@code regex}'s group 1. */
  private static double seconds(ExampleRun run, String regex) {
    return Double.parseDouble(run.match(regex).group(1));
  }

  private static long number(String line, String prefix) {
    assertTrue(line.startsWith(prefix), () -> "'" + line + "' should start with '" + prefix + "'");
    return Long.parseLong(line.substring(prefix.length()));
  }
}
