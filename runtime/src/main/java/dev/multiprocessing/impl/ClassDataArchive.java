package dev.multiprocessing.impl;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A dynamic class-data-sharing archive for child JVMs, which cuts about 45% of their start time
 * (FIELD-NOTES). The JVM silently ignores an archive once any jar on the class path changed, so the
 * archive is keyed by the class path, the jars' sizes and dates, and the JVM version.
 *
 * <p>The first launch without an archive starts one training JVM in the background
 * ({@code ChildMain train}, which joins the cluster and leaves); later launches use its archive.
 */
final class ClassDataArchive {

  private static final AtomicBoolean TRAINING = new AtomicBoolean();

  private ClassDataArchive() {}

  static boolean enabled() {
    return !"false".equals(System.getProperty("multiprocessing.child.cds")) && jarsOnly();
  }

  /** A JVM refuses to start with an archive when the class path has a non-empty directory. */
  private static boolean jarsOnly() {
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      File f = new File(entry);
      String[] list = f.isDirectory() ? f.list() : null;
      if (list != null && list.length > 0) {
        return false;
      }
    }
    return true;
  }

  static Path archive() {
    String cp = System.getProperty("java.class.path");
    StringBuilder key = new StringBuilder(cp).append('|').append(Runtime.version());
    for (String entry : cp.split(File.pathSeparator)) {
      File f = new File(entry);
      key.append('|').append(f.length()).append(':').append(f.lastModified());
    }
    String dir = System.getProperty("java.io.tmpdir") + "/vertx-multiprocessing-cds-" + System.getProperty("user.name");
    return Path.of(dir, Integer.toHexString(key.toString().hashCode()) + ".jsa");
  }

  /** Flags that use the archive if it exists; otherwise starts building it once. */
  static List<String> flags() {
    if (!enabled()) {
      return List.of();
    }
    Path jsa = archive();
    if (Files.isReadable(jsa)) {
      return List.of("-XX:SharedArchiveFile=" + jsa, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }
    return List.of();
  }

  /** Training files left by a JVM that was killed mid-training (an hour is far longer than a training). */
  private static void removeStaleTrainingFiles(Path dir) {
    long cutoff = System.currentTimeMillis() - 3_600_000;
    try (var files = Files.newDirectoryStream(dir, "train*.jsa")) {
      for (Path f : files) {
        if (Files.getLastModifiedTime(f).toMillis() < cutoff) {
          Files.deleteIfExists(f);
        }
      }
    } catch (java.io.IOException e) {
      // best effort
    }
  }

  /** Launches the training JVM once per JVM when the archive is missing. */
  static void trainIfMissing(java.util.function.Function<List<String>, java.lang.Process> launcher) {
    if (!enabled() || Files.isReadable(archive()) || !TRAINING.compareAndSet(false, true)) {
      return;
    }
    Path jsa = archive();
    try {
      Files.createDirectories(jsa.getParent());
      removeStaleTrainingFiles(jsa.getParent());
      Path tmp = Files.createTempFile(jsa.getParent(), "train", ".jsa");
      Files.delete(tmp);
      java.lang.Process p = launcher.apply(List.of("-XX:ArchiveClassesAtExit=" + tmp, "-Xlog:cds=off",
          "-Xlog:cds+dynamic=off"));
      p.onExit().thenAccept(done -> {
        try {
          if (done.exitValue() == 0 && Files.size(tmp) > 0) {
            Files.move(tmp, jsa, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } else {
            Files.deleteIfExists(tmp);
          }
        } catch (java.io.IOException e) {
          // no archive this time: children start a little slower
        }
      });
    } catch (java.io.IOException | RuntimeException e) {
      // no archive: children start a little slower
    }
  }
}
