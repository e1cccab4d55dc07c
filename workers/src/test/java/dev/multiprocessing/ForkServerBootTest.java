package dev.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fork server's boot throttle, in a fresh program (its own JVM, so that no warm JVM exists
 * yet): a first {@code Pool(4)} wants six JVMs at once (four workers, and warm ones behind them),
 * but no more than {@code maxBooting} boot side by side, and the pool answers meanwhile.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ForkServerBootTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void coldPool_bootsAtMostMaxBootingJvmsAtOnce_andAnswers(int maxBooting) throws Exception {
    ProgramLifecycleTest.Program p = new ProgramLifecycleTest.Program("cold-pool", "forkserver",
        "-Dmultiprocessing.forkserver.maxBooting=" + maxBooting);
    List<String> out = p.rest();
    assertEquals(0, p.exitValue(60), p.err());
    // the pool wants more JVMs than maxBooting, so the bound is reached (unthrottled: six)
    assertEquals(List.of("squares [1, 4, 9]", "booting peak " + maxBooting + " max " + maxBooting), out);
  }
}
