package dev.multiprocessing.examples;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.connection.Connection;
import dev.multiprocessing.connection.Pipe;
import java.util.Arrays;

/**
 * Python's {@code Pipe} example: a child sends a list through one end of a pipe, the parent
 * receives it from the other.
 *
 * <pre>{@code
 * from multiprocessing import Process, Pipe
 *
 * def f(conn):
 *     conn.send([42, None, 'hello'])
 *     conn.close()
 *
 * if __name__ == '__main__':
 *     parent_conn, child_conn = Pipe()
 *     p = Process(target=f, args=(child_conn,))
 *     p.start()
 *     print(parent_conn.recv())    # prints "[42, None, 'hello']"
 *     p.join()
 * }</pre>
 *
 * <p>Prints {@code [42, null, hello]}: the same list, printed the way Java's {@code List.toString()}
 * prints it ({@code null} for {@code None}, strings without quotes). The list is built with
 * {@code Arrays.asList}, since {@code List.of} refuses {@code null}.
 *
 * <p>{@code child_conn}, captured by the target, moves to the child when the process starts: from
 * then on the child holds that end, and this process's {@code childConn} is closed.
 */
public final class PipeExample {

  private PipeExample() {}

  static void f(Connection conn) {
    conn.send(Arrays.asList(42, null, "hello"));
    conn.close();
  }

  public static void main(String[] args) {
    Pipe pipe = Multiprocessing.pipe();
    Connection parentConn = pipe.conn1();
    Connection childConn = pipe.conn2();
    Process p = new Process(() -> f(childConn));
    p.start();
    System.out.println(parentConn.recv()); // prints "[42, null, hello]"
    p.join();
  }
}
