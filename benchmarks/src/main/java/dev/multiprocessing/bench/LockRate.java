package dev.multiprocessing.bench;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.synchronize.Barrier;
import dev.multiprocessing.synchronize.Lock;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code lock_rate} group, mpbench.py's {@code wl_lock_rate}: {@code lock_uncontended}
 * (acquire+release pairs in the lock's own process, after 10000 warm-up pairs) and
 * {@code lock_contended_2proc} (two children share a lock, barrier protocol, 2n / wall).
 */
final class LockRate implements Workload {

  private static final String GROUP = "lock_rate";

  @Override
  public void run(Params params, Results out) throws Exception {
    int reps = params.get("reps");
    PipeChildren children = new PipeChildren(GROUP, out);
    Lock lock = Multiprocessing.lock();
    int n = params.get("n_uncontended");
    for (int i = 0; i < 10_000; i++) {
      lock.acquire();
      lock.release();
    }
    List<Double> res = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        lock.acquire();
        lock.release();
      }
      res.add(n / ((System.nanoTime() - t0) / 1e9));
    }
    out.emit("lock_uncontended", "pairs_per_s", res, "n", n);

    int nc = params.get("n_contended");
    res = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      Lock shared = Multiprocessing.lock();
      Barrier barrier = Multiprocessing.barrier(2);
      res.add(2 * nc / SyncChildren.wall(children, 2, c -> SyncTargets.lockWorker(shared, barrier, c, nc)));
    }
    out.emit("lock_contended_2proc", "total_pairs_per_s", res, "n_per_proc", nc, "procs", 2,
        "method", PipeChildren.METHOD);
    children.reportWaits();
  }
}
