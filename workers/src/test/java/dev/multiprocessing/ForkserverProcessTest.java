package dev.multiprocessing;

/** {@link ProcessContract} with warm JVMs from the fork server. */
class ForkserverProcessTest extends ProcessContract {
  @Override
  MpContext ctx() {
    return Multiprocessing.getContext("forkserver");
  }
}
