package dev.multiprocessing.bench;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.connection.Connection;
import dev.multiprocessing.connection.Pipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code pipe_pingpong} group, mpbench.py's {@code wl_pipe_pingpong}: round trips over a duplex
 * {@code Pipe} to an echoing child. {@code int} ({@code 1}) then {@code list3} ({@code [1, 2, 3]})
 * with the same child, then {@code bytes64} with a new pipe and a bytes-echoing child. Each: the
 * untimed warm-up round trips, then per rep {@code n} timed round trips; sample = elapsed / n, µs.
 */
final class PipePingpong implements Workload {

  private static final String GROUP = "pipe_pingpong";

  @Override
  public void run(Params params, Results out) throws Exception {
    int n = params.get("n");
    int warmup = params.get("warmup");
    int reps = params.get("reps");
    PipeChildren children = new PipeChildren(GROUP, out);

    Pipe pipe = Multiprocessing.pipe();
    Connection a = pipe.conn1();
    Connection b = pipe.conn2();
    Process p = children.start(PipeTargets.echoObj(b));
    b.close();   // as mpbench; b has moved to the child, so this only checks that closing it is harmless
    Object[][] cases = {{"int", 1}, {"list3", List.of(1, 2, 3)}};
    for (Object[] c : cases) {
      String label = (String) c[0];
      Object msg = c[1];
      for (int i = 0; i < warmup; i++) {
        a.send(msg);
        Object back = a.recv();
        if (i == 0 && !msg.equals(back)) {   // untimed sanity check of the echo
          throw new AssertionError("echo of " + msg + " came back as " + back);
        }
      }
      List<Double> res = new ArrayList<>();
      for (int r = 0; r < reps; r++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          a.send(msg);
          a.recv();
        }
        res.add((System.nanoTime() - t0) / (double) n / 1e3);
      }
      out.emit("pipe_pingpong_" + label, "us_per_roundtrip", res, "n", n, "payload", label,
          "method", PipeChildren.METHOD);
    }
    a.send(null);
    children.join(p);
    a.close();

    pipe = Multiprocessing.pipe();
    a = pipe.conn1();
    b = pipe.conn2();
    p = children.start(PipeTargets.echoBytes(b));
    b.close();
    byte[] msg = new byte[64];
    Arrays.fill(msg, (byte) 'x');
    for (int i = 0; i < warmup; i++) {
      a.sendBytes(msg);
      byte[] back = a.recvBytes();
      if (i == 0 && !Arrays.equals(msg, back)) {
        throw new AssertionError("echo of 64 bytes came back as " + back.length + " other bytes");
      }
    }
    List<Double> res = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        a.sendBytes(msg);
        a.recvBytes();
      }
      res.add((System.nanoTime() - t0) / (double) n / 1e3);
    }
    out.emit("pipe_pingpong_bytes64", "us_per_roundtrip", res, "n", n, "payload_bytes", 64,
        "method", PipeChildren.METHOD);
    a.sendBytes(new byte[0]);
    children.join(p);
    a.close();
    children.reportWaits();
  }
}
