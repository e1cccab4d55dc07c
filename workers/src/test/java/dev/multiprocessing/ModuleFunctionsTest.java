package dev.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multiprocessing.impl.MpRuntime;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The module-level functions: contexts, start methods, helpers, logging, blocking rules. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ModuleFunctionsTest {

  @Test
  void getContext_fork_raisesListingAvailableMethods() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Multiprocessing.getContext("fork"));
    assertTrue(e.getMessage().contains("forkserver") && e.getMessage().contains("spawn"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Multiprocessing.getContext("nonsense"));
  }

  @Test
  void startMethods_followPythonsRules() {
    assertEquals(List.of("forkserver", "spawn"), Multiprocessing.getAllStartMethods());
    Multiprocessing.setStartMethod(null, true);
    assertNull(Multiprocessing.getStartMethod(true));
    assertEquals("forkserver", Multiprocessing.getStartMethod());
    assertThrows(IllegalStateException.class, () -> Multiprocessing.setStartMethod("spawn"));
    Multiprocessing.setStartMethod("spawn", true);
    assertEquals("spawn", Multiprocessing.getContext().getStartMethod());
    assertThrows(IllegalArgumentException.class, () -> Multiprocessing.setStartMethod("fork", true));
    Multiprocessing.setStartMethod(null, true);
  }

  @Test
  void currentProcess_inMain_isMainProcess() {
    Process me = Multiprocessing.currentProcess();
    assertEquals("MainProcess", me.getName());
    assertEquals(ProcessHandle.current().pid(), me.getPid());
    assertTrue(me.isAlive());
    assertEquals(32, me.getAuthkey().length);
    assertNull(Multiprocessing.parentProcess());
  }

  @Test
  void helpers_cpuCountAndFreezeSupport() {
    assertEquals(Runtime.getRuntime().availableProcessors(), Multiprocessing.cpuCount());
    Multiprocessing.freezeSupport();
  }

  @Test
  void logToStderr_usesPythonsFormat() {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      Multiprocessing.logToStderr(Level.INFO).warning("doomed");
      Multiprocessing.getLogger().info("hello");
      Multiprocessing.getLogger().fine("hidden");
    } finally {
      System.setErr(old);
    }
    assertEquals("[WARNING/MainProcess] doomed\n[INFO/MainProcess] hello\n", buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void join_onEventLoop_failsAtOnce_namingTheAsyncTwin(VertxTestContext tc) {
    Process p = Multiprocessing.getContext("forkserver").process(() -> { });
    p.start();
    Vertx vertx = MpRuntime.get().vertx();
    vertx.runOnContext(v -> {
      IllegalStateException e = assertThrows(IllegalStateException.class, p::join);
      tc.verify(() -> assertTrue(e.getMessage().contains("joinAsync()"), e.getMessage()));
      p.joinAsync().onComplete(tc.succeeding(code -> tc.verify(() -> {
        assertEquals(0, code);
        tc.completeNow();
      })));
    });
  }

  @Test
  void startAsync_onEventLoop_startsWithoutBlocking(VertxTestContext tc) {
    Vertx vertx = MpRuntime.get().vertx();
    vertx.runOnContext(v -> {
      Process p = Multiprocessing.getContext("forkserver").process(() -> System.exit(4));
      p.startAsync().compose(x -> p.joinAsync()).onComplete(tc.succeeding(code -> tc.verify(() -> {
        assertEquals(4, code);
        tc.completeNow();
      })));
    });
  }
}
