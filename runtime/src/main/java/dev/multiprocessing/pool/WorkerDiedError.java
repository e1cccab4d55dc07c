package dev.multiprocessing.pool;

import dev.multiprocessing.ProcessError;

/**
 * A task's worker process died while running it (SIGKILL, {@code System.exit}, out of memory).
 * The pool notices at once, fails exactly the task that worker was running with this error, starts
 * a replacement, and runs every other task. (Python's {@code Pool} hangs forever here.)
 */
public class WorkerDiedError extends ProcessError {

  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public WorkerDiedError(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** The worker's exit code, Python style: {@code -9} after SIGKILL, {@code n} after {@code System.exit(n)}. */
  public int getExitCode() {
    return exitCode;
  }
}
