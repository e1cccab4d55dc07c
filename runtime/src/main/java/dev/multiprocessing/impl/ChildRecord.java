package dev.multiprocessing.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * The parent's view of one started child: where it runs and how it ended.
 *
 * <p>Two sources tell how a child ended, and the first definitive one wins: the child's own
 * {@link Messages.ExitReport} (its target returned: 0, or raised: 1), and the launcher's
 * {@link Messages.OsExit}. The OS status alone cannot tell {@code System.exit(137)} from SIGKILL
 * (both read 137 in Java), so a child whose user code calls System.exit first sends a report marked
 * {@code systemExit}; an OS status above 128 without that mark is death by signal {@code status-128},
 * which Python reports as a negative exit code.
 */
public final class ChildRecord {

  final String key;
  private final Promise<Integer> exit = Promise.promise();
  private volatile long pid;
  private volatile String nodeId;
  private volatile String address;
  private boolean systemExitMarked;

  ChildRecord(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public long pid() {
    return pid;
  }

  void pid(long pid) {
    this.pid = pid;
  }

  public String nodeId() {
    return nodeId;
  }

  public String address() {
    return address;
  }

  void located(String nodeId, String address) {
    this.nodeId = nodeId;
    this.address = address;
  }

  /** Completes with Python's exit code once the child has ended. */
  public Future<Integer> exit() {
    return exit.future();
  }

  synchronized void onReport(Messages.ExitReport report) {
    if (report.systemExit()) {
      systemExitMarked = true;
    } else {
      exit.tryComplete(report.code());
    }
  }

  synchronized void onOsExit(int status) {
    exit.tryComplete(decode(status, systemExitMarked));
  }

  /** Failure to launch: the process never ran. */
  void failed(Throwable cause) {
    exit.tryFail(cause);
  }

  static int decode(int status, boolean systemExit) {
    if (!systemExit && status > 128 && status < 128 + 65) {
      return -(status - 128);
    }
    return status;
  }
}
