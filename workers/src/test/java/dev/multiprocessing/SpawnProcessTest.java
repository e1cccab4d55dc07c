package dev.multiprocessing;

/** {@link ProcessContract} with a fresh JVM per process. */
class SpawnProcessTest extends ProcessContract {
  @Override
  MpContext ctx() {
    return Multiprocessing.getContext("spawn");
  }
}
