package dev.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fork server's boot throttle, in a fresh program (its own JVM, so that no warm JVM exists
 * yet). A first {@code Pool(4)} boots one JVM per worker, together, and none for warmth beside
 * them, whatever {@code maxBooting} (the bound on boots for warmth alone) is: unthrottled, the
 * pool size and the pool's {@code keepWarm(4)} added two more, and its first map took 9-10 s.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ForkServerBootTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void coldPool_bootsOneJvmPerWorker_andNoneForWarmthBesideThem(int maxBooting) throws Exception {
    ProgramLifecycleTest.Program p = new ProgramLifecycleTest.Program("cold-pool", "forkserver",
        "-Dmultiprocessing.forkserver.maxBooting=" + maxBooting);
    List<String> out = p.rest();
    assertEquals(0, p.exitValue(60), p.err());
    assertEquals(List.of("squares [1, 4, 9]", "booting peak 4 max " + maxBooting), out);
  }
}
