package dev.multiprocessing.examples;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;
import dev.multiprocessing.sharedctypes.Array;
import dev.multiprocessing.sharedctypes.Value;
import java.util.stream.IntStream;

/**
 * Python's shared memory example: a child writes a {@code Value} and an {@code Array} that the
 * parent created, and the parent sees the changes.
 *
 * <pre>{@code
 * from multiprocessing import Process, Value, Array
 *
 * def f(n, a):
 *     n.value = 3.1415927
 *     for i in range(len(a)):
 *         a[i] = -a[i]
 *
 * if __name__ == '__main__':
 *     num = Value('d', 0.0)
 *     arr = Array('i', range(10))
 *
 *     p = Process(target=f, args=(num, arr))
 *     p.start()
 *     p.join()
 *
 *     print(num.value)
 *     print(arr[:])
 * }</pre>
 *
 * <p>Prints {@code 3.1415927} and {@code [0, -1, -2, -3, -4, -5, -6, -7, -8, -9]}. The value and
 * the array live in this process; the child's reads and writes travel over the event bus.
 */
public final class ValueArrayExample {

  private ValueArrayExample() {}

  static void f(Value<Double> n, Array<Integer> a) {
    n.setValue(3.1415927);
    for (int i = 0; i < a.length(); i++) {
      a.set(i, -a.get(i));
    }
  }

  public static void main(String[] args) {
    Value<Double> num = Multiprocessing.value("d", 0.0);
    Array<Integer> arr = Multiprocessing.array("i", IntStream.range(0, 10).boxed().toList());

    Process p = new Process(() -> f(num, arr));
    p.start();
    p.join();

    System.out.println(num.getValue());
    System.out.println(arr.toList());
  }
}
