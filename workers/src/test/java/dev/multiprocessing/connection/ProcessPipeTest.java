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
