package dev.multiprocessing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Linux facts for META lines and memory results, read from {@code /proc}. */
final class SystemInfo {

  private SystemInfo() {}

  /** The CPUs this JVM may run on, as {@code taskset -c} would list them ({@code 0,1}). */
  static String affinity() {
    String list = statusField("self", "Cpus_allowed_list:");
    return list == null ? "unknown" : expandCpuList(list);
  }

  /** {@code 0-2,5} to {@code 0,1,2,5}: the same form as mpbench.py's {@code affinity=}. */
  static String expandCpuList(String list) {
    StringBuilder sb = new StringBuilder();
    for (String part : list.trim().split(",")) {
      String[] r = part.split("-");
      int lo = Integer.parseInt(r[0]);
      int hi = r.length > 1 ? Integer.parseInt(r[1]) : lo;
      for (int c = lo; c <= hi; c++) {
        sb.append(sb.length() == 0 ? "" : ",").append(c);
      }
    }
    return sb.toString();
  }

  /** The 1, 5 and 15 minute load averages as mpbench.py prints them: {@code 0.52/0.61/0.70}. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.format(Locale.ROOT, "%.2f/%.2f/%.2f",
          Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Resident set size of process {@code pid} in MiB ({@code VmRSS} of /proc/pid/status). */
  static double rssMiB(long pid) throws IOException {
    String v = statusField(Long.toString(pid), "VmRSS:");
    if (v == null) {
      throw new IOException("no VmRSS for pid " + pid + " (process gone?)");
    }
    String[] kb = v.trim().split("\\s+");   // "123456 kB"
    return Long.parseLong(kb[0]) / 1024.0;
  }

  private static String statusField(String pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
        if (line.startsWith(field)) {
          return line.substring(field.length()).trim();
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }
}
