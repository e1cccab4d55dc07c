package dev.multiprocessing.bench;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.sharedctypes.SynchronizedValue;
import dev.multiprocessing.synchronize.Barrier;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code value_increment} group, mpbench.py's {@code wl_value_increment}: two children each
 * do n × {@code with v.get_lock(): v.value += 1} on a {@code Value('i', 0)}; total increments/s
 * = 2n / wall; after each rep the parent checks {@code v.value == 2n}.
 */
final class ValueIncrement implements Workload {

  @Override
  public void run(Params params, Results out) throws Exception {
    int n = params.get("n");
    int reps = params.get("reps");
    PipeChildren children = new PipeChildren("value_increment", out);
    List<Double> res = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      SynchronizedValue<Integer> v = Multiprocessing.value("i", 0);
      Barrier barrier = Multiprocessing.barrier(2);
      double wall = SyncChildren.wall(children, 2, c -> SyncTargets.valueWorker(v, barrier, c, n));
      if (v.getValue() != 2 * n) {
        throw new AssertionError("final count " + v.getValue() + " != " + 2 * n);
      }
      res.add(2 * n / wall);
    }
    out.emit("value_increment_2proc", "total_increments_per_s", res, "n_per_proc", n, "procs", 2,
        "final_ok", 1, "method", PipeChildren.METHOD);
    children.reportWaits();
  }
}
