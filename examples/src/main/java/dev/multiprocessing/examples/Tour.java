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

    header(10, "QueueExample: Queue(), a child puts a list, the parent get()s it");
    QueueExample.main(args);

    header(11, "WorkerQueues: four workers take tasks from one queue and put results on another");
    WorkerQueues.main(args);

    header(12, "PoolSquares: with Pool(5) as p: print(p.map(f, [1, 2, 3]))");
    PoolSquares.main(args);
    header(13, "PoolTour: map, imap_unordered, apply_async, os.getpid, a sleeping task and TimeoutError");
    PoolTour.main(args);
    header(14, "PoolDemo: calculate, mul and plus with apply_async, imap, imap_unordered, map, errors, timeouts");
    PoolDemo.main(args);
    header(15, "MapVsMapAsync: map blocks, map_async returns at once");
    MapVsMapAsync.main(args);
    header(16, "StarmapAndPartial: starmap over argument tuples, map over a partial function");
    StarmapAndPartial.main(args);
    header(17, "PoolHttpVerticle: an HTTP endpoint hands CPU-heavy requests to a Pool with mapAsync");
    PoolHttpVerticle.runOn(Multiprocessing.vertx()).await();

    header(18, "LockExample: ten processes print one at a time, holding a shared Lock");
    LockExample.main(args);
    Multiprocessing.activeChildren().forEach(dev.multiprocessing.Process::join);

    header(19, "ValueArrayExample: a child writes a shared Value('d') and Array('i')");
    ValueArrayExample.main(args);

    header(20, "SharedctypesExample: Value, RawValue, Array('c') and an Array of Point structures");
    SharedctypesExample.main(args);

    // Last: it sets the start method to spawn for the rest of the program, as Python's does.
    header(21, "StartMethodQueues: set_start_method('spawn') and get_context('spawn') with a Queue");
    StartMethodQueues.main(args);

    System.out.println();
    System.out.println("=== end of the tour ===");
  }
}
