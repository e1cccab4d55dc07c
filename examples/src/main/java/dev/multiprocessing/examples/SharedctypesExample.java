package dev.multiprocessing.examples;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.sharedctypes.Array;
import dev.multiprocessing.sharedctypes.SharedCtypes;
import dev.multiprocessing.sharedctypes.Structure;
import dev.multiprocessing.sharedctypes.Value;
import dev.multiprocessing.synchronize.Lock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Python's {@code sharedctypes} example: a child modifies a synchronized value, a raw value, a
 * character array and an array of structures.
 *
 * <pre>{@code
 * from multiprocessing import Process, Lock
 * from multiprocessing.sharedctypes import Value, Array
 * from ctypes import Structure, c_double
 *
 * class Point(Structure):
 *     _fields_ = [('x', c_double), ('y', c_double)]
 *
 * def modify(n, x, s, A):
 *     n.value **= 2
 *     x.value **= 2
 *     s.value = s.value.upper()
 *     for a in A:
 *         a.x **= 2
 *         a.y **= 2
 *
 * if __name__ == '__main__':
 *     lock = Lock()
 *
 *     n = Value('i', 7)
 *     x = Value(c_double, 1.0/3.0, lock=False)
 *     s = Array('c', b'hello world', lock=lock)
 *     A = Array(Point, [(1.875,-6.25), (-5.75,2.0), (2.375,9.5)], lock=lock)
 *
 *     p = Process(target=modify, args=(n, x, s, A))
 *     p.start()
 *     p.join()
 *
 *     print(n.value)
 *     print(x.value)
 *     print(s.value)
 *     print([(a.x, a.y) for a in A])
 * }</pre>
 *
 * <p>Prints {@code 49}, {@code 0.1111111111111111}, {@code HELLO WORLD} and
 * {@code [(3.515625, 39.0625), (33.0625, 4.0), (5.640625, 90.25)]}. Python's {@code Structure}
 * is a Java record described by {@link Structure#of}; an element reads as a record, so the child
 * writes each point back.
 */
public final class SharedctypesExample {

  private SharedctypesExample() {}

  /** Python's {@code class Point(Structure)}. */
  public record Point(double x, double y) {}

  static void modify(Value<Integer> n, Value<Double> x, Array<Byte> s, Array<Point> a) {
    n.setValue(n.getValue() * n.getValue());
    x.setValue(x.getValue() * x.getValue());
    s.setValue(new String(s.getValue(), StandardCharsets.US_ASCII).toUpperCase().getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < a.length(); i++) {
      Point p = a.get(i);
      a.set(i, new Point(p.x() * p.x(), p.y() * p.y()));
    }
  }

  public static void main(String[] args) {
    Lock lock = Multiprocessing.lock();

    Value<Integer> n = Multiprocessing.value("i", 7);
    Value<Double> x = Multiprocessing.value("d", 1.0 / 3.0, false);
    Array<Byte> s = SharedCtypes.array("c", "hello world".getBytes(StandardCharsets.US_ASCII), lock);
    Array<Point> a = SharedCtypes.array(Structure.of(Point.class),
        List.of(new Point(1.875, -6.25), new Point(-5.75, 2.0), new Point(2.375, 9.5)), lock);

    Process p = new Process(() -> modify(n, x, s, a));
    p.start();
    p.join();

    System.out.println(n.getValue());
    System.out.println(x.getValue());
    System.out.println(new String(s.getValue(), StandardCharsets.US_ASCII));
    System.out.println(a.toList().stream().map(q -> "(" + q.x() + ", " + q.y() + ")")
        .collect(Collectors.joining(", ", "[", "]")));
  }
}
