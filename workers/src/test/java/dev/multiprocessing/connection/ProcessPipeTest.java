package dev.multiprocessing.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multiprocessing.EOFError;
import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PipeContract} with the other end in a child JVM, plus what only processes can do. */
class ProcessPipeTest extends PipeContract {
  @Override
  Peer peer() {
    return Peer.process();
  }

  @Test
  void holderDies_recvRaisesEOF_afterWhatItSent() throws Exception {
    Pipe pipe = Multiprocessing.pipe();
    Connection w = pipe.conn2();
    Peer p = peer().start(() -> {
      w.send("last words");
      new java.util.concurrent.CountDownLatch(1).await();
    });
    assertEquals("last words", pipe.conn1().recv());
    p.kill();
    EOFError e = assertThrows(EOFError.class, () -> pipe.conn1().recv());
    assertTrue(e.getMessage().contains("died"), e.getMessage());
  }

  /**
   * Between JVMs of one host, data goes over a Unix-domain socket; across hosts, over the event
   * bus. This runs the cross-host path on one host: both JVMs told to use the event bus only.
   */
  @Test
  void eventBusOnly_echoOrderAndLargeMessages_stillHold() throws Exception {
    String prop = "multiprocessing.pipes.eventBusOnly";
    System.setProperty(prop, "true");
    try {
      Pipe pipe = Multiprocessing.pipe();
      Connection b = pipe.conn2();
      Process p = Multiprocessing.getContext("spawn").process(() -> {
        Object x;
        while ((x = b.recv()) != null) {
          b.send(x);
        }
      });
      p.start();
      Connection a = pipe.conn1();
      for (int i = 0; i < 300; i++) {
        a.send(i);
      }
      for (int i = 0; i < 300; i++) {
        assertEquals(i, a.recv());
      }
      byte[] big = new byte[8 << 20];
      big[big.length - 1] = 7;
      a.send(big);
      assertEquals(7, ((byte[]) a.recv())[big.length - 1]);
      a.send(null);
      p.join(60);
      assertEquals(0, p.getExitCode());
    } finally {
      System.clearProperty(prop);
    }
  }

  @Test
  void wait_includesProcessSentinels() throws Exception {
    Process p = Multiprocessing.getContext("forkserver").process(() -> System.exit(3));
    Pipe pipe = Multiprocessing.pipe();
    p.start();
    List<Object> ready = Connections.wait(List.of(pipe.conn1(), p.getSentinel()), 60);
    assertEquals(List.of(p.getSentinel()), ready);
    p.join();
  }
}
