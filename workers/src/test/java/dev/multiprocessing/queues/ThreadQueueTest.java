package dev.multiprocessing.queues;

import dev.multiprocessing.connection.Peer;

/** {@link QueueContract} with the other side in threads of this JVM. */
class ThreadQueueTest extends QueueContract {
  @Override
  Peer peer() {
    return Peer.thread();
  }
}
