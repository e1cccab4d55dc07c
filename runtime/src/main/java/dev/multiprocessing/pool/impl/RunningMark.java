package dev.multiprocessing.pool.impl;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which chunk a worker process is running, kept where it survives the worker's death: a 12-byte
 * memory-mapped file (in {@code /dev/shm} where there is one), which the worker writes before and
 * after each chunk (two memory writes) and the pool reads once the worker has died. Workers run on
 * the pool's host (the fork server is per host), so the file is shared. This is what lets a worker
 * send its results in groups and still have exactly the chunk it was running fail when it dies.
 */
final class RunningMark {

  private static final int IDLE = -1;
  private final MappedByteBuffer buf;

  private RunningMark(MappedByteBuffer buf) {
    this.buf = buf;
  }

  /** Where the mark of worker {@code slot} of the pool at {@code inbox} lives. */
  static String pathFor(String inbox, int slot) {
    Path shm = Path.of("/dev/shm");
    Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    return dir.resolve(inbox.replace('.', '-') + "-w" + slot).toString();
  }

  /** Opens (creates) the mark in the worker; null if the file cannot be made (then the pool guesses). */
  static RunningMark open(String path) {
    try (RandomAccessFile f = new RandomAccessFile(path, "rw")) {
      f.setLength(12);
      RunningMark m = new RunningMark(f.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, 12));
      m.idle();
      return m;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  void running(long job, int seq) {
    buf.putLong(0, job);
    buf.putInt(8, seq);
  }

  void idle() {
    buf.putInt(8, IDLE);
  }

  /**
   * In the pool, after the worker's exit: {@code {job, seq}} of the chunk it was running,
   * {@code {0, -1}} when it ran none, or null when there is no mark to read. Deletes the file.
   */
  static long[] readAndDelete(String path) {
    try {
      byte[] b = Files.readAllBytes(Path.of(path));
      Files.deleteIfExists(Path.of(path));
      if (b.length < 12) {
        return null;
      }
      ByteBuffer bb = ByteBuffer.wrap(b);
      return new long[] {bb.getLong(0), bb.getInt(8)};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
