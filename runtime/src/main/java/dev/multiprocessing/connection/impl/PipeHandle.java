package dev.multiprocessing.connection.impl;

import dev.multiprocessing.codecs.Handle;
import java.util.List;

/**
 * A pipe end in transit to another process: where its old holder listens (to be told to forward
 * late arrivals), where its peer is, both directions' sequence state, and the messages that had
 * already arrived but were not read, which travel with it in order.
 */
public record PipeHandle(String pipeId, int side, boolean readable, boolean writable, String oldInbox,
    String peer, String peerInboxNode, String peerNode, boolean peerMoving, long epoch, long peerEpoch, long movingEpoch, long sendSeq, long outMsgs, long outBytes,
    long recvNext, List<Long> pendingSeqs, List<byte[]> pendingData, long closeAt) implements Handle {

  @Override
  public Object resolve() {
    return PipeEnd.wrap(PipeEnd.adopt(this));
  }
}
