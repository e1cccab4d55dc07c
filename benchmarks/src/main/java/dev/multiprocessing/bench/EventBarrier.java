package dev.multiprocessing.bench;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.connection.Pipe;
import dev.multiprocessing.synchronize.Barrier;
import dev.multiprocessing.synchronize.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code event_barrier} group, mpbench.py's {@code wl_event_barrier}:
 * {@code event_wakeup_oneway} and {@code event_set_wait_roundtrip} (µs, medians over iterations
 * 2..n of one child answering {@code go} with {@code ack}), then {@code barrier2_cycles} (two
 * children, n × {@code b.wait()} after a common start, n / wall).
 */
final class EventBarrier implements Workload {

  private static final String GROUP = "event_barrier";

  @Override
  public void run(Params params, Results out) throws Exception {
    int reps = params.get("reps");
    int n = params.get("n_event");
    PipeChildren children = new PipeChildren(GROUP, out);
    List<Double> oneWay = new ArrayList<>();
    List<Double> rtt = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      Event go = Multiprocessing.event();
      Event ack = Multiprocessing.event();
      Pipe pipe = Multiprocessing.pipe(false);
      Process p = children.start(SyncTargets.eventResponder(go, ack, pipe.conn2(), n));
      long[] set = new long[n];
      long[] back = new long[n];
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        go.set();
        ack.await();
        back[i] = System.nanoTime();
        ack.clear();
        set[i] = t0;
      }
      long[] woke = (long[]) pipe.conn1().recv();
      children.join(p);
      List<Double> ow = new ArrayList<>();
      List<Double> rt = new ArrayList<>();
      for (int i = 1; i < n; i++) {
        ow.add((woke[i] - set[i]) / 1e3);
        rt.add((back[i] - set[i]) / 1e3);
      }
      oneWay.add(Results.median(ow));
      rtt.add(Results.median(rt));
    }
    out.emit("event_wakeup_oneway", "us_median", oneWay, "n", n, "method", PipeChildren.METHOD);
    out.emit("event_set_wait_roundtrip", "us_median", rtt, "n", n, "method", PipeChildren.METHOD);

    int nb = params.get("n_barrier");
    List<Double> res = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      Barrier b = Multiprocessing.barrier(2);
      res.add(nb / SyncChildren.wall(children, 2, c -> SyncTargets.barrierWorker(b, c, nb)));
    }
    out.emit("barrier2_cycles", "cycles_per_s", res, "n", nb, "parties", 2, "method", PipeChildren.METHOD);
    children.reportWaits();
  }
}
