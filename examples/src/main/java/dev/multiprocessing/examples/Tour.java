package dev.multiprocessing.examples;

import dev.multiprocessing.Multiprocessing;

/**
 * Runs every example in order, in this one JVM, with a header line before each.
 *
 * <p>When {@code main} returns, the JVM ends by itself as a Python program does: the library
 * joins the children that are still running and leaves the cluster.
 */
public final class Tour {

  private Tour() {}

  static void header(int n, String title) {
    System.out.println();
    System.out.println("=== " + n + ". " + title + " ===");
  }

  public static void main(String[] args) {
    header(1, "HelloBob: Python's first example, Process(target=f, args=('bob',))");
    HelloBob.main(args);

    header(2, "ProcessInfo: the process ids involved");
    ProcessInfo.main(args);

    header(3, "TenLongRunningFunctions: ten processes started together, then joined");
    TenLongRunningFunctions.main(args);

    header(4, "ProcessMethods: str(p), is_alive(), start(), terminate(), join(), exitcode");
    ProcessMethods.main(args);

    header(5, "StartMethods: get_context('spawn'), get_context('forkserver'), get_context('fork')");
    StartMethods.main(args);

    header(6, "PipeExample: Pipe(), a child sends a list, the parent recv()s it");
    PipeExample.main(args);

    header(7, "ConnectionMethods: send/recv, send_bytes/recv_bytes, recv_bytes_into an array");
    ConnectionMethods.main(args);

    header(8, "ConnectionWait: connection.wait() on four readers until each reads EOF");
    ConnectionWait.main(args);

    header(9, "VerticleExample: a verticle starts a process with startAsync() and joinAsync()");
    // One JVM has one multiprocessing runtime, and the examples above started it with a clustered
    // Vertx of its own. Run standalone, VerticleExample builds the application's clustered Vertx
    // and hands it in with Multiprocessing.init(vertx); here the verticle is deployed on the one
    // the runtime already runs, Multiprocessing.vertx().
    int code = VerticleExample.runOn(Multiprocessing.vertx()).await();
    System.out.println("the verticle's process ended with exit code " + code);

    header(10, "LockExample: ten processes print one at a time, holding a shared Lock");
    LockExample.main(args);
    Multiprocessing.activeChildren().forEach(dev.multiprocessing.Process::join);

    header(11, "ValueArrayExample: a child writes a shared Value('d') and Array('i')");
    ValueArrayExample.main(args);

    header(12, "SharedctypesExample: Value, RawValue, Array('c') and an Array of Point structures");
    SharedctypesExample.main(args);

    System.out.println();
    System.out.println("=== end of the tour ===");
  }
}
