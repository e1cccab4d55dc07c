package dev.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link ProcessContract} with a fresh JVM per process. */
class SpawnProcessTest extends ProcessContract {
  @Override
  MpContext ctx() {
    return Multiprocessing.getContext("spawn");
  }

  @Test
  void missingJavaExecutable_startRaisesProcessError_andNothingIsLeftRunning() {
    String java = Multiprocessing.getExecutable();
    Multiprocessing.setExecutable("/nonexistent/bin/java");
    try {
      Process p = ctx().process(() -> { });
      ProcessError e = assertThrows(ProcessError.class, p::start);
      assertTrue(e.getMessage().contains("/nonexistent/bin/java"), e.getMessage());
      assertTrue(Multiprocessing.activeChildren().stream().noneMatch(c -> c == p));
    } finally {
      Multiprocessing.setExecutable(java);
    }
    assertEquals(0, runToEnd(() -> { }), "the runtime keeps working");
  }
}
