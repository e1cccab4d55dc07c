package dev.multiprocessing.impl;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The flags of a child JVM, chosen for a fast start and a small footprint (FIELD-NOTES: a child
 * that joins the cluster costs about 2 s with plain settings and about 0.5 s with these levers).
 *
 * <p>{@code -XX:TieredStopAtLevel=1} (C1 only) is a trade-off, measured here: a child's start-up
 * costs 2.5 s of CPU with it against 4.7 s with the full JIT, spawn start-to-join 1.24 s against
 * 1.51 s, idle RSS 102 MiB against 120 MiB; but a long CPU-bound loop runs about 1.7 times slower
 * (pool_cpu_pool1_scaled: 1.17 s against 0.69 s). Short children and the start-up and footprint
 * targets win by default; a pool whose workers compute for long gives them the full JIT with
 * {@code PoolOptions.setWorkerJvmOptions(List.of("-XX:TieredStopAtLevel=4"))} (a later flag wins;
 * {@code ProcessOptions.setJvmOptions} for one process, the property below for every child).
 *
 * <p>Extra flags come from the {@code multiprocessing.child.jvmOptions} system property
 * (space-separated); {@code multiprocessing.child.cds=false} turns the class-data archive off.
 */
final class JvmOptions {

  private JvmOptions() {}

  static List<String> forChild(String executable, boolean useArchive) {
    List<String> opts = new ArrayList<>(List.of(
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Xss512k",
        "-Xms16m",
        "-Djava.net.preferIPv4Stack=true",
        "--add-opens", "java.base/java.lang.invoke=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"));
    boolean sameJvm = new File(executable).getAbsoluteFile().toPath().normalize()
        .equals(new File(ChildLauncher.defaultExecutable()).toPath().normalize());
    if (sameJvm && Runtime.version().feature() >= 23) {
      opts.add("--sun-misc-unsafe-memory-access=allow");
    }
    if (sameJvm && useArchive) {
      opts.addAll(ClassDataArchive.flags());
    }
    String extra = System.getProperty("multiprocessing.child.jvmOptions", "").trim();
    if (!extra.isEmpty()) {
      opts.addAll(Arrays.asList(extra.split("\\s+")));
    }
    return opts;
  }
}
