package dev.multiprocessing.examples;

import dev.multiprocessing.EOFError;
import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.connection.Connection;
import dev.multiprocessing.connection.Connections;
import dev.multiprocessing.connection.Pipe;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's example of {@code multiprocessing.connection.wait()}, which waits for messages from
 * several processes at once:
 *
 * <pre>{@code
 * import time, random
 * from multiprocessing import Process, Pipe, current_process
 * from multiprocessing.connection import wait
 *
 * def foo(w):
 *     for i in range(10):
 *         w.send((i, current_process().name))
 *     w.close()
 *
 * if __name__ == '__main__':
 *     readers = []
 *
 *     for i in range(4):
 *         r, w = Pipe(duplex=False)
 *         readers.append(r)
 *         p = Process(target=foo, args=(w,))
 *         p.start()
 *         # We close the writable end of the pipe now to be sure that
 *         # p is the only process which owns a handle for it. This
 *         # ensures that when p closes its handle for the writable end,
 *         # wait() will promptly report the readable end as being ready.
 *         w.close()
 *
 *     while readers:
 *         for r in wait(readers):
 *             try:
 *                 msg = r.recv()
 *             except EOFError:
 *                 readers.remove(r)
 *             else:
 *                 print(msg)
 * }</pre>
 *
 * <p>Prints forty lines, {@code (0, 'Process-1')} to {@code (9, 'Process-4')}: each process's ten
 * in order, the four processes interleaved as their messages arrive. The tuple is a record that
 * prints itself as Python prints a tuple.
 *
 * <p>Here a pipe end captured by a process target <em>moves</em> to the child when the process
 * starts, so the child is the only holder of {@code w} whatever this process does; this process's
 * {@code w} is closed from then on, and {@code w.close()} is a harmless no-op, kept as Python's
 * idiom. A reader reports end of data ({@link EOFError} from {@code recv()}) once the child has
 * closed its end and everything it sent has been read, or once the child has died.
 *
 * <p>As in Python, the program does not join its children: when {@code main} returns, the library
 * joins them before the JVM ends.
 */
public final class ConnectionWait {

  private ConnectionWait() {}

  /** Python's tuple {@code (i, name)}, printed as Python prints it. */
  record Message(int i, String name) {
    @Override
    public String toString() {
      return "(" + i + ", '" + name + "')";
    }
  }

  static void foo(Connection w) {
    for (int i = 0; i < 10; i++) {
      w.send(new Message(i, Multiprocessing.currentProcess().getName()));
    }
    w.close();
  }

  public static void main(String[] args) {
    List<Connection> readers = new ArrayList<>();

    for (int i = 0; i < 4; i++) {
      Pipe pipe = Multiprocessing.pipe(false);
      Connection r = pipe.conn1();
      Connection w = pipe.conn2();
      readers.add(r);
      Process p = new Process(() -> foo(w));
      p.start();
      // w has moved to p: closing this process's copy is a no-op, kept as Python's idiom.
      w.close();
    }

    while (!readers.isEmpty()) {
      for (Object ready : Connections.wait(readers)) {
        Connection r = (Connection) ready;
        Object msg;
        try {
          msg = r.recv();
        } catch (EOFError e) {
          readers.remove(r);
          continue;
        }
        System.out.println(msg);
      }
    }
  }
}
