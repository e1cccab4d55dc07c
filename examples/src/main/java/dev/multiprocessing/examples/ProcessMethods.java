package dev.multiprocessing.examples;

import dev.multiprocessing.Process;
import java.util.Objects;

/**
 * Python's "example usage of some of the methods of Process":
 *
 * <pre>{@code
 * >>> import multiprocessing, time, signal
 * >>> p = multiprocessing.Process(target=time.sleep, args=(1000,))
 * >>> print(p, p.is_alive())
 * <Process ... initial> False
 * >>> p.start()
 * >>> print(p, p.is_alive())
 * <Process ... started> True
 * >>> p.terminate()
 * >>> time.sleep(0.1)
 * >>> print(p, p.is_alive())
 * <Process ... stopped exitcode=-SIGTERM> False
 * >>> p.exitcode == -signal.SIGTERM
 * True
 * }</pre>
 *
 * <p>Python sleeps 0.1 s after {@code terminate()} and hopes the child is gone by then; this
 * program joins it instead, which waits exactly as long as needed. Java prints the exit code as a
 * number: {@code exitcode=-15}.
 */
public final class ProcessMethods {

  static final int SIGTERM = 15;

  private ProcessMethods() {}

  /** Python's {@code str(bool)}. */
  static String py(boolean b) {
    return b ? "True" : "False";
  }

  public static void main(String[] args) {
    Process p = new Process(() -> Thread.sleep(1000 * 1000L));
    System.out.println(p + " " + py(p.isAlive()));
    p.start();
    System.out.println(p + " " + py(p.isAlive()));
    p.terminate();
    p.join();
    System.out.println(p + " " + py(p.isAlive()));
    System.out.println(py(Objects.equals(p.getExitCode(), -SIGTERM)));
  }
}
