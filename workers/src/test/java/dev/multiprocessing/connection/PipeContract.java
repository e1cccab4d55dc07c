package dev.multiprocessing.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multiprocessing.BufferTooShort;
import dev.multiprocessing.EOFError;
import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.ProcessError;
import dev.multiprocessing.codecs.PicklingError;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour of {@link Pipe} and {@link Connection}, written once and run with the other end
 * in a thread of this JVM and in a child JVM. The peer reports failures through its exit code.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class PipeContract {

  abstract Peer peer();

  @Test
  void send_recv_objectArrivesEqual() throws Exception {
    Pipe pipe = Multiprocessing.pipe();
    Connection child = pipe.conn2();
    Peer p = peer().start(() -> {
      child.send(Arrays.asList(42, null, "hello"));
      child.close();
    });
    assertEquals(Arrays.asList(42, null, "hello"), pipe.conn1().recv());
    assertEquals(0, p.join());
  }

  @Test
  void manyMessages_arriveInOrder_thenEOF() throws Exception {
    Pipe pipe = Multiprocessing.pipe();
    Connection w = pipe.conn2();
    int n = 20_000;
    Peer p = peer().start(() -> {
      for (int i = 0; i < n; i++) {
        w.send(i);
      }
      w.close();
    });
    Connection r = pipe.conn1();
    for (int i = 0; i < n; i++) {
      assertEquals(i, r.recv());
    }
    assertThrows(EOFError.class, r::recv);
    assertTrue(r.poll(), "poll is true at end of data");
    assertEquals(0, p.join());
  }

  @Test
  void echo_bothDirections() throws Exception {
    Pipe pipe = Multiprocessing.pipe();
    Connection b = pipe.conn2();
    Peer p = peer().start(() -> {
      Object x;
      while ((x = b.recv()) != null) {
        b.send(x);
      }
      b.close();
    });
    Connection a = pipe.conn1();
    for (int i = 0; i < 200; i++) {
      a.send(List.of(i, "x" + i));
      assertEquals(List.of(i, "x" + i), a.recv());
    }
    a.send(null);
    assertEquals(0, p.join());
  }

  @Test
  void bytes_withOffsetAndSize_andRecvBytesInto() throws Exception {
    Pipe pipe = Multiprocessing.pipe();
    Connection w = pipe.conn2();
    Peer p = peer().start(() -> {
      byte[] data = {0, 1, 2, 3, 4, 5, 6, 7};
      w.sendBytes(data);
      w.sendBytes(data, 5);
      w.sendBytes(data, 2, 3);
      w.sendBytes(data);
      w.sendBytes(data);
    });
    Connection r = pipe.conn1();
    assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7}, r.recvBytes());
    assertArrayEquals(new byte[] {5, 6, 7}, r.recvBytes());
    assertArrayEquals(new byte[] {2, 3, 4}, r.recvBytes());
    byte[] into = new byte[12];
    assertEquals(8, r.recvBytesInto(into, 4));
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7}, into);
    BufferTooShort e = assertThrows(BufferTooShort.class, () -> r.recvBytesInto(new byte[4]));
    assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7}, e.getData());
    assertEquals(0, p.join());
  }

  @Test
  void badOffsetOrSize_raisesIllegalArgument_andSendsNothing() {
    Pipe pipe = Multiprocessing.pipe();
    byte[] b = new byte[4];
    assertThrows(IllegalArgumentException.class, () -> pipe.conn2().sendBytes(b, 5));
    assertThrows(IllegalArgumentException.class, () -> pipe.conn2().sendBytes(b, 2, 3));
    assertThrows(IllegalArgumentException.class, () -> pipe.conn2().sendBytes(b, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> pipe.conn1().recvBytesInto(b, 5));
    assertFalse(pipe.conn1().poll());
  }

  @Test
  void recvBytes_longerThanMaxLength_raisesAndLeavesUnreadable() throws Exception {
    Pipe pipe = Multiprocessing.pipe();
    Connection w = pipe.conn2();
    Peer p = peer().start(() -> {
      w.sendBytes(new byte[100]);
      w.sendBytes(new byte[1]);
    });
    Connection r = pipe.conn1();
    assertThrows(ProcessError.class, () -> r.recvBytes(10));
    IllegalStateException e = assertThrows(IllegalStateException.class, r::recvBytes);
    assertTrue(e.getMessage().contains("no longer readable"), e.getMessage());
    assertEquals(0, p.join());
  }

  @Test
  void oneWayPipe_wrongDirection_raises() {
    Pipe pipe = Multiprocessing.pipe(false);
    assertFalse(pipe.conn1().isWritable());
    assertTrue(pipe.conn1().isReadable());
    assertFalse(pipe.conn2().isReadable());
    assertThrows(IllegalStateException.class, () -> pipe.conn1().send(1));
    assertThrows(IllegalStateException.class, () -> pipe.conn2().recv());
    pipe.conn2().send(5);
    assertEquals(5, pipe.conn1().recv());
  }

  @Test
  void closedConnection_anyUse_raises() {
    Pipe pipe = Multiprocessing.pipe();
    pipe.conn1().close();
    assertTrue(pipe.conn1().isClosed());
    assertThrows(IllegalStateException.class, () -> pipe.conn1().send(1));
    assertThrows(IllegalStateException.class, () -> pipe.conn1().recv());
    assertThrows(IllegalStateException.class, () -> pipe.conn1().poll());
    pipe.conn1().close();
    assertThrows(EOFError.class, () -> pipe.conn2().recv());
  }

  @Test
  void poll_timesOutThenSeesMessage() throws Exception {
    Pipe pipe = Multiprocessing.pipe();
    assertFalse(pipe.conn1().poll());
    long t0 = System.nanoTime();
    assertFalse(pipe.conn1().poll(0.2));
    assertTrue((System.nanoTime() - t0) / 1e9 >= 0.15);
    Connection w = pipe.conn2();
    Peer p = peer().start(() -> w.send("late"));
    assertTrue(pipe.conn1().poll(Connection.FOREVER));
    assertEquals("late", pipe.conn1().recv());
    assertEquals(0, p.join());
  }

  @Test
  void unserializableObject_failsAtSender_andConnectionKeepsWorking() {
    Pipe pipe = Multiprocessing.pipe();
    PicklingError e = assertThrows(PicklingError.class, () -> pipe.conn2().send(new Thread()));
    assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
    pipe.conn2().send("ok");
    assertEquals("ok", pipe.conn1().recv());
  }

  @Test
  void flowControl_senderWaitsForSlowReader_andEverythingArrives() throws Exception {
    Pipe pipe = Multiprocessing.pipe();
    Connection r = pipe.conn1();
    Connection w = pipe.conn2();
    int n = 20_000;
    List<Future<Void>> sends = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sends.add(w.sendAsync(i));
    }
    assertFalse(sends.get(n - 1).isComplete(), "the sender must be held back while nobody reads");
    Peer p = peer().start(() -> {
      for (int i = 0; i < n; i++) {
        if (!Integer.valueOf(i).equals(r.recv())) {
          throw new AssertionError("out of order at " + i);
        }
      }
    });
    assertEquals(0, p.join());
    Future.all(sends).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void largeMessage_64MiB_arrivesWhole() throws Exception {
    Pipe pipe = Multiprocessing.pipe();
    Connection w = pipe.conn2();
    Peer p = peer().start(() -> {
      byte[] big = new byte[64 << 20];
      big[0] = 1;
      big[big.length - 1] = 2;
      w.sendBytes(big);
    });
    byte[] got = pipe.conn1().recvBytes();
    assertEquals(64 << 20, got.length);
    assertEquals(1, got[0]);
    assertEquals(2, got[got.length - 1]);
    assertEquals(0, p.join());
  }

  /**
   * Credit comes back every quarter window read; a message larger than what is then left of the
   * sender's window (4 MiB) needs the rest of it back, which the waiting sender asks for.
   */
  @Test
  void messageLargerThanRestOfWindow_senderGetsCreditBackWithoutMoreReads() throws Exception {
    Pipe pipe = Multiprocessing.pipe();
    Connection w = pipe.conn2();
    Peer p = peer().start(() -> {
      for (int i = 0; i < 3; i++) {
        w.sendBytes(new byte[900 << 10]);
      }
      if (!"read".equals(w.recv())) {
        throw new AssertionError("expected the reader's go");
      }
      w.sendBytes(new byte[7 << 19]);   // 3.5 MiB: 0.9 MiB of the window is still unacknowledged
    });
    Connection r = pipe.conn1();
    for (int i = 0; i < 3; i++) {
      assertEquals(900 << 10, r.recvBytes().length);
    }
    r.send("read");
    assertTrue(r.poll(20), "the sender never got the credit of the messages already read");
    assertEquals(7 << 19, r.recvBytes().length);
    assertEquals(0, p.join());
  }

  /** Large messages (64 KiB and more) may take their own way on one host; slices and order still hold. */
  @Test
  void largeSlicesAndSmallMessages_interleaved_arriveExactlyInOrder() throws Exception {
    Pipe pipe = Multiprocessing.pipe();
    Connection w = pipe.conn2();
    Peer p = peer().start(() -> {
      byte[] big = pattern(300_000);
      for (int k = 0; k < 20; k++) {
        w.sendBytes(big, k, 100_000 + k);
        w.send(k);
      }
    });
    Connection r = pipe.conn1();
    byte[] big = pattern(300_000);
    for (int k = 0; k < 20; k++) {
      assertArrayEquals(java.util.Arrays.copyOfRange(big, k, k + 100_000 + k), r.recvBytes(), "message " + k);
      assertEquals(k, r.recv());
    }
    assertEquals(0, p.join());
  }

  /** Large messages sent around a move of the receiving end arrive whole and in order. */
  @Test
  void largeMessages_aroundAMoveOfTheReceiver_arriveInOrder() throws Exception {
    Pipe data = Multiprocessing.pipe();
    Pipe control = Multiprocessing.pipe();
    Connection ctlChild = control.conn2();
    byte[] big = pattern(200_000);
    data.conn2().sendBytes(big, 0, 150_000);
    Peer p = peer().start(() -> {
      Connection moved = (Connection) ctlChild.recv();
      List<Object> sizes = new ArrayList<>();
      byte[] expect = pattern(200_000);
      for (int i = 0; i < 4; i++) {
        byte[] got = moved.recvBytes();
        assertTrue(java.util.Arrays.equals(got, java.util.Arrays.copyOfRange(expect, 0, got.length)), "content of " + i);
        sizes.add(got.length);
      }
      ctlChild.send(sizes);
    });
    control.conn1().send(data.conn1());
    data.conn2().sendBytes(big, 0, 160_000);
    data.conn2().sendBytes(big, 0, 170_000);
    data.conn2().sendBytes(big, 0, 180_000);
    assertEquals(List.of(150_000, 160_000, 170_000, 180_000), control.conn1().recv());
    assertEquals(0, p.join());
  }

  private static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + (i >> 8));
    }
    return b;
  }

  @Test
  void endSentThroughAnotherConnection_bringsArrivedMessagesInOrder() throws Exception {
    Pipe data = Multiprocessing.pipe();
    Pipe control = Multiprocessing.pipe();
    Connection ctlChild = control.conn2();
    data.conn2().send(1);
    data.conn2().send(2);
    assertTrue(data.conn1().poll(5), "messages have arrived at conn1 before it moves");
    Peer p = peer().start(() -> {
      Connection moved = (Connection) ctlChild.recv();
      List<Object> got = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        got.add(moved.recv());
      }
      ctlChild.send(got);
    });
    control.conn1().send(data.conn1());
    data.conn2().send(3);
    data.conn2().send(4);
    assertEquals(List.of(1, 2, 3, 4), control.conn1().recv());
    assertEquals(0, p.join());
  }

  @Test
  void wait_returnsReadyConnections_andTimesOut() throws Exception {
    List<Pipe> pipes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pipes.add(Multiprocessing.pipe(false));
    }
    List<Connection> readers = new ArrayList<>();
    pipes.forEach(pp -> readers.add(pp.conn1()));
    assertEquals(List.of(), Connections.wait(readers, -1));
    assertEquals(List.of(), Connections.wait(readers, 0.1));
    Connection w2 = pipes.get(2).conn2();
    Peer p = peer().start(() -> w2.send("two"));
    List<Object> ready = Connections.wait(readers);
    assertEquals(List.of(readers.get(2)), ready);
    assertEquals("two", readers.get(2).recv());
    assertEquals(0, p.join());
  }

  /** Two threads each blocked in recv on a pipe from the same peer: one reads the shared socket for both. */
  @Test
  void twoThreadsReceiving_pipesFromOnePeer_eachGetsItsMessagesInOrder() throws Exception {
    Pipe a = Multiprocessing.pipe(false);
    Pipe b = Multiprocessing.pipe(false);
    Connection wa = a.conn2();
    Connection wb = b.conn2();
    int n = 5_000;
    java.util.concurrent.CompletableFuture<Object> other = new java.util.concurrent.CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        for (int i = 0; i < n; i++) {
          assertEquals(-i, b.conn1().recv());
        }
        other.complete("ok");
      } catch (Throwable e) {
        other.completeExceptionally(e);
      }
    });
    t.start();
    Peer p = peer().start(() -> {
      for (int i = 0; i < n; i++) {
        wa.send(i);
        wb.send(-i);
      }
    });
    for (int i = 0; i < n; i++) {
      assertEquals(i, a.conn1().recv());
    }
    assertEquals("ok", other.get(60, TimeUnit.SECONDS));
    assertEquals(0, p.join());
  }

  /** Python's send has written when it returns: once the peer says it sent, poll() sees the message. */
  @Test
  void poll_afterThePeerSignalsItSent_seesTheMessage() throws Exception {
    Pipe data = Multiprocessing.pipe(false);
    Pipe go = Multiprocessing.pipe(false);
    dev.multiprocessing.synchronize.Event sent = Multiprocessing.event();
    Connection w = data.conn2();
    Connection goReader = go.conn1();
    Peer p = peer().start(() -> {
      w.send("first");
      goReader.recv();
      w.send("second");
      sent.set();
    });
    assertEquals("first", data.conn1().recv());
    go.conn2().send("go");
    assertTrue(sent.await(30));
    assertTrue(data.conn1().poll(), "the message sent before the signal is readable");
    assertEquals("second", data.conn1().recv());
    assertEquals(0, p.join());
  }

  /** After a blocking recv, an async receive on another pipe from the same peer is still served. */
  @Test
  void recvAsync_afterBlockingRecvFromSamePeer_completes() throws Exception {
    Pipe first = Multiprocessing.pipe(false);
    Pipe second = Multiprocessing.pipe(false);
    Connection w1 = first.conn2();
    Connection w2 = second.conn2();
    Pipe go = Multiprocessing.pipe(false);
    Connection goIn = go.conn1();
    Peer p = peer().start(() -> {
      w1.send("blocking");
      goIn.recv();
      w2.send("async");
    });
    assertEquals("blocking", first.conn1().recv());
    Future<Object> f = second.conn1().recvAsync();
    go.conn2().send("go");
    assertEquals("async", f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    assertEquals(0, p.join());
  }

  /**
   * Tokens travel round two pipes, each end forwarding from its recvAsync callback. The pipes are
   * made on two threads, so that in one JVM their ends run callbacks on two event loops at once:
   * a callback runs under its end's lock, and forwarding must not wait for the other loop's end.
   */
  @Test
  void asyncRelaysOverTwoPipes_tokensCrossing_allArrive() throws Exception {
    Pipe one = onNewThread(Multiprocessing::pipe);
    Pipe two = onNewThread(Multiprocessing::pipe);
    Connection f1 = one.conn2();
    Connection f2 = two.conn2();
    int hops = 2_000;
    int tokens = 4;
    Peer p = peer().start(() -> {
      java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
      relay(f2, f1, hops, tokens * (hops / 2 + 1), done); // even values 0..hops
      done.get(60, TimeUnit.SECONDS);
    });
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    relay(one.conn1(), two.conn1(), hops, tokens * (hops / 2), done); // odd values 1..hops-1
    for (int t = 0; t < tokens; t++) {
      two.conn1().sendAsync(0);
    }
    done.get(60, TimeUnit.SECONDS);
    assertEquals(0, p.join());
  }

  private static Pipe onNewThread(java.util.function.Supplier<Pipe> make) throws Exception {
    return java.util.concurrent.CompletableFuture.supplyAsync(make, r -> new Thread(r).start()).get(30, TimeUnit.SECONDS);
  }

  /** Receives {@code expected} numbers on {@code from}, forwarding each m below {@code hops} as m + 1 on {@code to}. */
  static void relay(Connection from, Connection to, int hops, int expected,
      java.util.concurrent.CompletableFuture<Void> done) {
    int[] seen = {0};
    relayNext(from, to, hops, expected, seen, done);
  }

  private static void relayNext(Connection from, Connection to, int hops, int expected, int[] seen,
      java.util.concurrent.CompletableFuture<Void> done) {
    from.recvAsync().onComplete(ar -> {
      if (ar.failed()) {
        done.completeExceptionally(ar.cause());
        return;
      }
      int m = (Integer) ar.result();
      if (m < hops) {
        to.sendAsync(m + 1);
      }
      if (++seen[0] == expected) {
        done.complete(null);
      } else {
        relayNext(from, to, hops, expected, seen, done);
      }
    });
  }
}
