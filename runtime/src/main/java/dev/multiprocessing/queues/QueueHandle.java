package dev.multiprocessing.queues;

import dev.multiprocessing.codecs.Handle;

/**
 * A queue on its way to another process: which kind, where its home listens and in which JVM.
 * Resolving it yields that JVM's one object for the queue.
 */
record QueueHandle(String kind, String queueId, String homeAddress, String homeNode, int maxsize)
    implements Handle {

  @Override
  public Object resolve() {
    return Queue.resolve(this);
  }
}
