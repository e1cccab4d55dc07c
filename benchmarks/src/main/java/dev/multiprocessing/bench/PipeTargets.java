package dev.multiprocessing.bench;

import dev.multiprocessing.Target;
import dev.multiprocessing.connection.Connection;
import java.util.List;

/**
 * mpbench.py's pipe children ({@code echo_obj}, {@code echo_bytes}, {@code sink_obj},
 * {@code sink_bytes}), line for line. Each lambda captures only its {@link Connection}, which moves
 * to the child JVM when the process starts.
 */
final class PipeTargets {

  private PipeTargets() {}

  /** {@code echo_obj}: {@code loop: x = recv(); if x is None: break; send(x)}. */
  static Target echoObj(Connection conn) {
    return () -> {
      while (true) {
        Object x = conn.recv();
        if (x == null) {
          break;
        }
        conn.send(x);
      }
      conn.close();
    };
  }

  /** {@code echo_bytes}: echoes byte messages; an empty one stops. */
  static Target echoBytes(Connection conn) {
    return () -> {
      while (true) {
        byte[] b = conn.recvBytes();
        if (b.length == 0) {
          break;
        }
        conn.sendBytes(b);
      }
      conn.close();
    };
  }

  /** {@code sink_obj}: {@code k = recv()} (None stops), {@code recv()} k times, {@code send('ack')}. */
  static Target sinkObj(Connection conn) {
    return () -> {
      while (true) {
        Object k = conn.recv();
        if (k == null) {
          break;
        }
        int n = (Integer) k;
        for (int i = 0; i < n; i++) {
          conn.recv();
        }
        conn.send("ack");
      }
      conn.close();
    };
  }

  /**
   * {@code sink_bytes}: {@code k = recv()} (None stops), {@code recv_bytes()} k times, then
   * {@code send(('ack', total_len))}, the tuple as a list.
   */
  static Target sinkBytes(Connection conn) {
    return () -> {
      while (true) {
        Object k = conn.recv();
        if (k == null) {
          break;
        }
        int n = (Integer) k;
        long total = 0;
        for (int i = 0; i < n; i++) {
          total += conn.recvBytes().length;
        }
        conn.send(List.of("ack", total));
      }
      conn.close();
    };
  }
}
