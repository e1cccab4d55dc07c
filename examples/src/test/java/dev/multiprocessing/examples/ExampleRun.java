package dev.multiprocessing.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of an example's {@code main} in a fresh JVM with this test JVM's class path, as the
 * README's command runs it: its stdout lines, its stderr, its exit status.
 */
record ExampleRun(int status, List<String> lines, String stderr, double seconds) {

  /**
   * How long one example may take before it counts as hung: generous, since a child JVM's start
   * takes several times longer on a loaded machine than the half second of an idle one.
   */
  static final long TIMEOUT_SECONDS = 120;

  /** Runs {@code mainClass} and waits at most {@link #TIMEOUT_SECONDS} for its JVM to end by itself. */
  static ExampleRun of(Class<?> mainClass) throws IOException, InterruptedException {
    return of(mainClass, TIMEOUT_SECONDS);
  }

  /** Runs {@code mainClass} and waits at most {@code timeoutSeconds} for its JVM to end by itself. */
  static ExampleRun of(Class<?> mainClass, long timeoutSeconds) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("example-");
    File out = dir.resolve("stdout").toFile();
    File err = dir.resolve("stderr").toFile();
    ProcessBuilder pb = new ProcessBuilder(
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
        "-cp", System.getProperty("java.class.path"),
        mainClass.getName());
    pb.redirectOutput(out).redirectError(err);
    long t0 = System.nanoTime();
    Process p = pb.start();
    boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!ended) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
    }
    ExampleRun run = new ExampleRun(ended ? p.exitValue() : -1,
        Files.readAllLines(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8), seconds);
    Files.delete(out.toPath());
    Files.delete(err.toPath());
    Files.delete(dir);
    if (!ended) {
      fail(mainClass.getSimpleName() + " did not end by itself within " + timeoutSeconds + " s\n" + run);
    }
    return run;
  }

  /** Asserts that the JVM ended by itself with status 0. */
  ExampleRun assertSucceeded() {
    assertEquals(0, status, () -> "exit status\n" + this);
    return this;
  }

  /** Asserts that {@code line} was printed, exactly. */
  void assertLine(String line) {
    assertTrue(lines.contains(line), () -> "no line '" + line + "'\n" + this);
  }

  /** The number of lines equal to {@code line}. */
  long count(String line) {
    return lines.stream().filter(line::equals).count();
  }

  /** The first line matching {@code regex} entirely, as a matcher; fails when there is none. */
  Matcher match(String regex) {
    Pattern pattern = Pattern.compile(regex);
    for (String l : lines) {
      Matcher m = pattern.matcher(l);
      if (m.matches()) {
        return m;
      }
    }
    return fail("no line matches /" + regex + "/\n" + this);
  }

  /** The index of {@code line}, or -1. */
  int indexOf(String line) {
    return lines.indexOf(line);
  }

  @Override
  public String toString() {
    return "--- stdout (" + String.format("%.1f", seconds) + " s, status " + status + ") ---\n"
        + String.join("\n", lines) + "\n--- stderr ---\n" + stderr;
  }
}
