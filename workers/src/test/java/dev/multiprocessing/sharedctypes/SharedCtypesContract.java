package dev.multiprocessing.sharedctypes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.connection.Peer;
import dev.multiprocessing.synchronize.Lock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour of shared values and arrays, written once and run with the other party in a thread
 * of this JVM and in a child JVM (which then reaches the data through the event bus).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class SharedCtypesContract {

  abstract Peer peer();

  record Point(double x, double y) {}

  @Test
  void valueAndArray_writtenByPeer_readByCreator() throws Exception {
    SynchronizedValue<Double> num = Multiprocessing.value("d", 0.0);
    SynchronizedArray<Integer> arr = Multiprocessing.array("i", IntStream.range(0, 10).boxed().toList());
    Peer p = peer().start(() -> {
      num.setValue(3.1415927);
      for (int i = 0; i < arr.length(); i++) {
        arr.set(i, -arr.get(i));
      }
    });
    assertEquals(0, p.join());
    assertEquals(3.1415927, num.getValue());
    assertEquals(List.of(0, -1, -2, -3, -4, -5, -6, -7, -8, -9), arr.toList());
  }

  @Test
  void incrementUnderGetLock_fromBothParties_losesNothing() throws Exception {
    SynchronizedValue<Integer> v = Multiprocessing.value("i", 0);
    int n = 300;
    Peer p = peer().start(() -> {
      for (int i = 0; i < n; i++) {
        try (var held = v.getLock().enter()) {
          v.setValue(v.getValue() + 1);
        }
      }
    });
    for (int i = 0; i < n; i++) {
      try (var held = v.getLock().enter()) {
        v.setValue(v.getValue() + 1);
      }
    }
    assertEquals(0, p.join());
    assertEquals(2 * n, v.getValue());
  }

  @Test
  void modifyExample_valuesCharsAndStructures() throws Exception {
    Lock lock = Multiprocessing.lock();
    SynchronizedValue<Integer> n = Multiprocessing.value("i", 7);
    Value<Double> x = Multiprocessing.value("d", 1.0 / 3.0, false);
    SynchronizedArray<Byte> s = SharedCtypes.array("c", "hello world".getBytes(StandardCharsets.US_ASCII), lock);
    Structure<Point> point = Structure.of(Point.class);
    SynchronizedArray<Point> a = SharedCtypes.array(point,
        List.of(new Point(1.875, -6.25), new Point(-5.75, 2.0), new Point(2.375, 9.5)), lock);
    Peer p = peer().start(() -> {
      n.setValue(n.getValue() * n.getValue());
      x.setValue(x.getValue() * x.getValue());
      s.setValue(new String(s.getValue(), StandardCharsets.US_ASCII).toUpperCase().getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < a.length(); i++) {
        Point q = a.get(i);
        a.set(i, new Point(q.x() * q.x(), q.y() * q.y()));
      }
    });
    assertEquals(0, p.join());
    assertEquals(49, n.getValue());
    assertEquals(0.1111111111111111, x.getValue());
    assertArrayEquals("HELLO WORLD".getBytes(StandardCharsets.US_ASCII), s.getValue());
    assertEquals(List.of(new Point(3.515625, 39.0625), new Point(33.0625, 4.0), new Point(5.640625, 90.25)), a.toList());
  }

  @Test
  void rawArray_slicesAndNegativeIndices_acrossParties() throws Exception {
    RawArray<Long> r = SharedCtypes.rawArray("q", 6);
    Peer p = peer().start(() -> {
      r.setSlice(1, 4, List.of(10L, 20L, 30L));
      r.set(-1, 99L);
    });
    assertEquals(0, p.join());
    assertEquals(List.of(0L, 10L, 20L, 30L, 0L, 99L), r.toList());
    assertEquals(List.of(20L, 30L), r.slice(2, -2));
    assertEquals(99L, r.get(-1));
  }
}
