package dev.multiprocessing.examples;

import dev.multiprocessing.MpContext;
import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;

/**
 * Contexts and start methods: Python's {@code get_context(method)} gives an object with the
 * module's API bound to one start method, so that one program may use several.
 *
 * <pre>{@code
 * import multiprocessing as mp
 *
 * def foo():
 *     print('hello from', mp.current_process().name, 'started with', method)
 *
 * if __name__ == '__main__':
 *     print(mp.get_all_start_methods())
 *     for method in ('spawn', 'forkserver', 'forkserver'):
 *         ctx = mp.get_context(method)
 *         p = ctx.Process(target=foo)
 *         p.start()
 *         p.join()
 *     mp.get_context('fork')   # ValueError on a JVM, as on Windows
 * }</pre>
 *
 * <p>{@code spawn} starts a fresh JVM for each process, which then joins the cluster: about half a
 * second or more. {@code forkserver} hands the process to a warm JVM that already joined: the first
 * one waits for the fork server to warm its JVMs, the next ones start in a few milliseconds.
 * {@code fork} cannot exist on a JVM, and asking for it raises with the list of the methods there
 * are. (Python's own start-method examples pass a {@code Queue}; they come with the queues.)
 */
public final class StartMethods {

  private StartMethods() {}

  static void foo() {
    Process me = Multiprocessing.currentProcess();
    System.out.println("hello from " + me.getName() + " started with " + me.getStartMethod());
  }

  public static void main(String[] args) {
    System.out.println("all start methods: " + Multiprocessing.getAllStartMethods()
        + ", default: " + Multiprocessing.getStartMethod());
    for (String method : new String[] {"spawn", "forkserver", "forkserver"}) {
      MpContext ctx = Multiprocessing.getContext(method);
      long t0 = System.nanoTime();
      Process p = ctx.process(StartMethods::foo);
      p.start();
      p.join();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println(method + ": " + p.getName() + " exitcode=" + p.getExitCode() + ", start to join took " + ms + " ms");
    }
    try {
      Multiprocessing.getContext("fork");
      System.out.println("get_context('fork') did not raise");
    } catch (IllegalArgumentException e) {
      System.out.println("get_context('fork') raised IllegalArgumentException: " + e.getMessage());
    }
  }
}
