package dev.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fork server's boots in a fresh program (its own JVM, so that no warm JVM exists yet): a
 * first {@code Pool(4)} boots one JVM per worker, together, and none for warmth beside them
 * (before, the pool size and the pool's {@code keepWarm(4)} added two more, and its first map
 * took 9-10 s on 2 CPUs).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ForkServerBootTest {

  @Test
  void coldPool_bootsOneJvmPerWorker_andNoneForWarmthBesideThem() throws Exception {
    ProgramLifecycleTest.Program p = new ProgramLifecycleTest.Program("cold-pool", "forkserver");
    List<String> out = p.rest();
    assertEquals(0, p.exitValue(60), p.err());
    assertEquals(List.of("squares [1, 4, 9]", "booting peak 4"), out);
  }
}
