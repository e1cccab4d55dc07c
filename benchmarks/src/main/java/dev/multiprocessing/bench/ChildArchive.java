package dev.multiprocessing.bench;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Watches the runtime's class-data archive for child JVMs, which it trains in the background on
 * the first child launch after a rebuild and which cuts child start time by about 45%.
 *
 * <p>Why the benchmark cares: on the first run after a rebuild, the training JVM would boot during
 * the timed starts and the starts would switch from "no archive" to "archive" half-way, a bimodal
 * mixture. The benchmark therefore waits (untimed, bounded) for the training to finish after the
 * first start and reports in META whether the archive existed, was trained during the run, or is
 * missing; the steady state it then measures is the one every later run of the program sees.
 *
 * <p>The archive's path is computed by the runtime's package-private
 * {@code dev.multiprocessing.impl.ClassDataArchive.archive()}, read here by reflection rather than
 * by copying its keying rule; should it change, the state is reported as {@code unknown}.
 */
final class ChildArchive {

  private static final long STEP_MS = 20;

  private final Path path;
  private final boolean presentAtStart;

  ChildArchive() {
    this.path = locate();
    this.presentAtStart = path != null && Files.isReadable(path);
  }

  private static Path locate() {
    try {
      Class<?> c = Class.forName("dev.multiprocessing.impl.ClassDataArchive");
      Method enabled = c.getDeclaredMethod("enabled");
      Method archive = c.getDeclaredMethod("archive");
      enabled.setAccessible(true);
      archive.setAccessible(true);
      return (Boolean) enabled.invoke(null) ? (Path) archive.invoke(null) : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Waits at most {@code limitMs} for the archive to appear if it was missing at start, and returns
   * the state for META: {@code present}, {@code trained_during_run}, {@code missing} or
   * {@code unknown} (disabled, or the runtime's internals changed).
   */
  String awaitTrained(long limitMs) throws InterruptedException {
    if (path == null) {
      return "unknown";
    }
    if (presentAtStart) {
      return "present";
    }
    long deadline = System.nanoTime() + limitMs * 1_000_000;
    while (!Files.isReadable(path) && System.nanoTime() < deadline) {
      Thread.sleep(STEP_MS);
    }
    return Files.isReadable(path) ? "trained_during_run" : "missing";
  }
}
