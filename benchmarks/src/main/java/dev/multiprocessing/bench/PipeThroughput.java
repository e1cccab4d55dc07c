package dev.multiprocessing.bench;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.connection.Connection;
import dev.multiprocessing.connection.Pipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code pipe_throughput} group, mpbench.py's {@code wl_pipe_throughput}: one-way, parent to
 * child, with the sink protocol (send the count k, then k messages, then wait for the child's ack).
 *
 * <ul>
 *   <li>{@code pipe_throughput_small}: the ints {@code 0..n-1} via {@code send}, to
 *       {@code sink_obj}; untimed warm-up batch of 1000; msgs/s.</li>
 *   <li>{@code pipe_throughput_bytes64} then {@code pipe_throughput_1MiB}: one payload reused, via
 *       {@code sendBytes}, to one {@code sink_bytes} child that acks with the byte total (checked);
 *       each starts with an untimed warm-up batch of 10 payloads; msgs/s, and MiB/s for 1 MiB.</li>
 * </ul>
 * Sample: one rep, {@code t0} before sending the count, {@code t1} after the ack.
 */
final class PipeThroughput implements Workload {

  private static final String GROUP = "pipe_throughput";
  private static final int WARMUP_SMALL = 1000;
  private static final int WARMUP_BYTES = 10;

  @Override
  public void run(Params params, Results out) throws Exception {
    int reps = params.get("reps");
    PipeChildren children = new PipeChildren(GROUP, out);

    // small objects: the ints 0..n-1 via send(); the child recv()s them all, acks.
    int n = params.get("n_small");
    Pipe pipe = Multiprocessing.pipe();
    Connection a = pipe.conn1();
    Connection b = pipe.conn2();
    Process p = children.start(PipeTargets.sinkObj(b));
    b.close();
    a.send(WARMUP_SMALL);
    for (int i = 0; i < WARMUP_SMALL; i++) {
      a.send(i);
    }
    checkAck(a.recv());
    List<Double> res = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      a.send(n);
      for (int i = 0; i < n; i++) {
        a.send(i);
      }
      checkAck(a.recv());
      res.add(n / ((System.nanoTime() - t0) / 1e9));
    }
    out.emit("pipe_throughput_small", "msgs_per_s", res, "n", n, "payload", "int_i", "method", PipeChildren.METHOD);
    a.send(null);
    children.join(p);
    a.close();

    // bytes: 64 B and 1 MiB payloads via sendBytes(); the child recvBytes()es them.
    pipe = Multiprocessing.pipe();
    a = pipe.conn1();
    b = pipe.conn2();
    p = children.start(PipeTargets.sinkBytes(b));
    b.close();
    Object[][] cases = {{"bytes64", 64, params.get("n_b64")}, {"1MiB", params.get("big_size"), params.get("n_big")}};
    for (Object[] c : cases) {
      String label = (String) c[0];
      int size = (Integer) c[1];
      n = (Integer) c[2];
      byte[] payload = new byte[size];
      Arrays.fill(payload, (byte) 'x');
      a.send(WARMUP_BYTES);
      for (int i = 0; i < WARMUP_BYTES; i++) {
        a.sendBytes(payload);
      }
      checkTotal(a.recv(), (long) WARMUP_BYTES * size);
      res = new ArrayList<>();
      for (int r = 0; r < reps; r++) {
        long t0 = System.nanoTime();
        a.send(n);
        for (int i = 0; i < n; i++) {
          a.sendBytes(payload);
        }
        Object ack = a.recv();
        double dt = (System.nanoTime() - t0) / 1e9;
        checkTotal(ack, (long) n * size);
        res.add(size >= 1 << 20 ? (double) n * size / dt / (1 << 20) : n / dt);
      }
      if (size >= 1 << 20) {
        out.emit("pipe_throughput_1MiB", "MiB_per_s", res, "n", n, "payload_bytes", size, "method", PipeChildren.METHOD);
      } else {
        out.emit("pipe_throughput_" + label, "msgs_per_s", res, "n", n, "payload_bytes", size,
            "method", PipeChildren.METHOD);
      }
    }
    a.send(null);
    children.join(p);
    a.close();
    children.reportWaits();
  }

  private static void checkAck(Object ack) {
    if (!"ack".equals(ack)) {
      throw new AssertionError("expected 'ack', got " + ack);
    }
  }

  /** {@code ack, total = a.recv()}; {@code check(total == n * size, "byte count")}. */
  private static void checkTotal(Object ack, long expected) {
    if (!(ack instanceof List<?> l) || l.size() != 2 || !"ack".equals(l.get(0))
        || !(l.get(1) instanceof Number total) || total.longValue() != expected) {
      throw new AssertionError("byte count: expected ('ack', " + expected + "), got " + ack);
    }
  }
}
