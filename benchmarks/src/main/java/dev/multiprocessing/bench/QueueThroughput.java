package dev.multiprocessing.bench;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.queues.JoinableQueue;
import dev.multiprocessing.queues.Queue;
import dev.multiprocessing.queues.SimpleQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code queue_throughput} group, mpbench.py's {@code wl_queue_throughput}.
 *
 * <ul>
 *   <li>{@code queue_1p1c}, {@code queue_2p2c}, {@code simplequeue_1p1c}, {@code simplequeue_2p2c}:
 *       producer and consumer children ({@link QueueTargets}); each producer puts n/n_prod ints
 *       then one None per consumer; each consumer gets until it has seen n_prod Nones. A sample
 *       is items / (latest consumer end - earliest start), as mpbench computes it.</li>
 *   <li>{@code joinablequeue_1p1c}: this JVM puts n ints into a {@code JoinableQueue} that one
 *       child drains with get + task_done; timed from the first put until {@code join()} returns,
 *       after an untimed warm-up item.</li>
 * </ul>
 */
final class QueueThroughput implements Workload {

  private static final String GROUP = "queue_throughput";

  @Override
  public void run(Params params, Results out) throws Exception {
    int n = params.get("n");
    int reps = params.get("reps");
    PipeChildren children = new PipeChildren(GROUP, out);
    String[] kinds = {"queue", "simplequeue"};
    for (String kind : kinds) {
      for (int[] pc : new int[][] {{1, 1}, {2, 2}}) {
        List<Double> res = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
          Object q = kind.equals("queue") ? Multiprocessing.queue() : Multiprocessing.simpleQueue();
          res.add(queueRun(children, q, n, pc[0], pc[1]));
        }
        out.emit(kind + "_" + pc[0] + "p" + pc[1] + "c", "items_per_s", res, "n", n, "producers", pc[0],
            "consumers", pc[1], "method", PipeChildren.METHOD);
      }
    }
    joinable(children, out, n, reps);
    children.reportWaits();
  }

  private static double queueRun(PipeChildren children, Object q, int n, int nProd, int nCons)
      throws Exception {
    SimpleQueue<Object> go = Multiprocessing.simpleQueue();
    SimpleQueue<Object> res = Multiprocessing.simpleQueue();
    int per = n / nProd;
    List<Process> procs = new ArrayList<>();
    for (int i = 0; i < nProd; i++) {
      procs.add(children.start(QueueTargets.producer(q, go, res, per, nCons)));
    }
    for (int i = 0; i < nCons; i++) {
      procs.add(children.start(QueueTargets.consumer(q, go, res, nProd)));
    }
    for (int i = 0; i < procs.size(); i++) {
      check("ready".equals(res.get()), "child ready");
    }
    for (int i = 0; i < procs.size(); i++) {
      go.put("go");
    }
    List<List<?>> outs = new ArrayList<>();
    for (int i = 0; i < procs.size(); i++) {
      outs.add((List<?>) res.get());
    }
    for (Process p : procs) {
      children.join(p);
    }
    long count = 0;
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (List<?> o : outs) {
      start = Math.min(start, (Long) o.get(2));
      if ("C".equals(o.get(0))) {
        count += (Integer) o.get(1);
        end = Math.max(end, (Long) o.get(3));
      }
    }
    check(count == (long) per * nProd, "item count " + count);
    if (q instanceof SimpleQueue<?> s) {
      s.close();
    } else {
      ((Queue<?>) q).close();
    }
    go.close();
    res.close();
    return per * nProd / ((end - start) / 1e9);
  }

  private static void joinable(PipeChildren children, Results out, int n, int reps) throws Exception {
    JoinableQueue<Integer> q = Multiprocessing.joinableQueue();
    Process p = children.start(QueueTargets.joinableConsumer(q));
    q.put(-1);
    q.join();
    List<Double> res = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        q.put(i);
      }
      q.join();
      res.add(n / ((System.nanoTime() - t0) / 1e9));
    }
    q.put(null);
    children.join(p);
    out.emit("joinablequeue_1p1c", "items_per_s", res, "n", n, "producers", 1, "consumers", 1,
        "method", PipeChildren.METHOD);
  }

  private static void check(boolean cond, String what) {
    if (!cond) {
      throw new AssertionError("check failed: " + what);
    }
  }
}
