package dev.multiprocessing.bench;

/**
 * One workload group, the unit that {@code bench/run} runs in a fresh JVM (as mpbench.py runs each
 * of its workloads in a fresh interpreter). A group prints its {@code RESULT} lines through
 * {@link Results}; the numbers must come from real measurement.
 *
 * <p>To add a group: implement this, and register it in {@link Groups#IMPLEMENTED}.
 */
@FunctionalInterface
interface Workload {

  /**
   * Runs the group with the FULL or QUICK parameters of mpbench.py (plus Java-only extras).
   *
   * @throws Exception any failure: the runner prints an {@code ERROR} line for the group
   */
  void run(Params params, Results out) throws Exception;
}
