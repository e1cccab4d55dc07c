package dev.multiprocessing.queues;

/** Python's {@code queue.Full}: a non-blocking or timed {@code put} found a bounded queue full. */
public class Full extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Full(String message) {
    super(message);
  }
}
