package dev.multiprocessing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The groups and their FULL/QUICK parameters must stay identical to mpbench.py's dicts: asks
 * python3 for them when the CPython suite is next to this repository (skipped otherwise).
 */
class GroupsTest {

  private static final Path MPBENCH = Path.of("..", "..", "shared", "bench", "python");

  @Test
  void sameGroupsAndParametersAsMpbench() throws Exception {
    assumeTrue(Files.isRegularFile(MPBENCH.resolve("mpbench.py")), "mpbench.py not found at " + MPBENCH);
    String script = "import sys; sys.path.insert(0, sys.argv[1]); import mpbench\n"
        + "for label, d in (('FULL', mpbench.FULL), ('QUICK', mpbench.QUICK)):\n"
        + "    for k, P in d.items(): print(label, k, ','.join(f'{a}:{b}' for a, b in P.items()))\n";
    java.lang.Process p;
    try {
      p = new ProcessBuilder("python3", "-c", script, MPBENCH.toString()).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "no python3: " + e.getMessage());
      return;
    }
    String pyOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, pyOut);
    List<String> java = new ArrayList<>();
    for (boolean quick : new boolean[] {false, true}) {
      for (String g : Groups.names()) {
        java.add((quick ? "QUICK " : "FULL ") + g + " " + Groups.params(g, quick).describe());
      }
    }
    assertEquals(String.join("\n", java), pyOut.strip());
  }
}
