package dev.multiprocessing.bench;

/** mpbench.py's pool functions: {@code sq(x) = x * x} and {@code cpu_task(x)}. */
final class PoolTargets {

  private PoolTargets() {}

  static int sq(int x) {
    return x * x;
  }

  /** {@code sum(i*i for i in range(x, x + inner))}; fits in a long for mpbench's parameters. */
  static long cpuTask(int x, int inner) {
    long s = 0;
    for (long i = x; i < x + inner; i++) {
      s += i * i;
    }
    return s;
  }
}
