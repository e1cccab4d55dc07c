package dev.multiprocessing.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
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
    Matcher m = run.match("10 functions of 1 s each, run as 10 processes, finished in (\\d+\\.\\d) s"
        + " \\(one after another: 10 s\\)");
    double elapsed = Double.parseDouble(m.group(1));
    assertTrue(elapsed >= 1.0, run::toString);
    assertTrue(elapsed < 10.0, () -> "ten 1 s functions run in parallel must take less than 10 s\n" + run);
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
    ExampleRun run = ExampleRun.of(Tour.class, 3 * ExampleRun.TIMEOUT_SECONDS).assertSucceeded();
    int previous = -1;
    for (int n = 1; n <= 6; n++) {
      Matcher m = run.match("=== " + n + "\\. .* ===");
      int at = run.indexOf(m.group());
      assertTrue(at > previous, () -> "headers in order\n" + run);
      previous = at;
    }
    assertTrue(run.indexOf("=== end of the tour ===") > previous, run::toString);
    assertEquals(2, run.count("hello bob"), run::toString);
    run.match("<Process name='Process-\\d+' pid=\\d+ stopped exitcode=-15> False");
    run.assertLine("the verticle's process ended with exit code 0");
  }

  private static long number(String line, String prefix) {
    assertTrue(line.startsWith(prefix), () -> "'" + line + "' should start with '" + prefix + "'");
    return Long.parseLong(line.substring(prefix.length()));
  }
}
