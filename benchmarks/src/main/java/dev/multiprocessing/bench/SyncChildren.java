package dev.multiprocessing.bench;

import dev.multiprocessing.Process;
import dev.multiprocessing.connection.Connection;
import dev.multiprocessing.connection.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * mpbench's barrier protocol for two or more children: each gets its own result pipe, all are
 * started (untimed), each reports {@code [t_start, t_end]}, and the wall time runs from the
 * earliest start to the latest end.
 */
final class SyncChildren {

  private SyncChildren() {}

  /** Runs one rep: {@code k} children made by {@code target(resultEnd)}; returns wall seconds. */
  static double wall(PipeChildren children, int k, Function<Connection, dev.multiprocessing.Target> target)
      throws Exception {
    List<Process> procs = new ArrayList<>();
    List<Connection> results = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      Pipe pipe = dev.multiprocessing.Multiprocessing.pipe(false);
      results.add(pipe.conn1());
      procs.add(children.start(target.apply(pipe.conn2())));
    }
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (Connection r : results) {
      long[] stamps = (long[]) r.recv();
      start = Math.min(start, stamps[0]);
      end = Math.max(end, stamps[1]);
      r.close();
    }
    for (Process p : procs) {
      children.join(p);
    }
    return (end - start) / 1e9;
  }
}
