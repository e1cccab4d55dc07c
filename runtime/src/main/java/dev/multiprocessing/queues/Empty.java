package dev.multiprocessing.queues;

/** Python's {@code queue.Empty}: a non-blocking or timed {@code get} found no item. */
public class Empty extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Empty(String message) {
    super(message);
  }
}
