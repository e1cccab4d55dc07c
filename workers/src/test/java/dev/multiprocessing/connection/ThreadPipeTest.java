package dev.multiprocessing.connection;

/** {@link PipeContract} with the other end in a thread of this JVM. */
class ThreadPipeTest extends PipeContract {
  @Override
  Peer peer() {
    return Peer.thread();
  }
}
