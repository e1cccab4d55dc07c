package dev.multiprocessing.sharedctypes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.multiprocessing.connection.Peer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SharedCtypesContract} with the other party in a thread, plus typecodes and bad input. */
class ThreadSharedCtypesTest extends SharedCtypesContract {

  @Override
  Peer peer() {
    return Peer.thread();
  }

  @Test
  void typecodes_wrapAsCtypes_unsignedReadWider() {
    assertEquals((byte) 44, SharedCtypes.rawValue("b", 300).getValue());
    assertEquals((short) 255, SharedCtypes.rawValue("B", -1).getValue());
    assertEquals(65535, SharedCtypes.rawValue("H", -1).getValue());
    assertEquals(4294967295L, SharedCtypes.rawValue("I", -1L).getValue());
    assertEquals(-1L, SharedCtypes.rawValue("Q", -1L).getValue());
    assertEquals(1.5f, SharedCtypes.rawValue("f", 1.5).getValue());
    assertEquals(Long.MAX_VALUE, SharedCtypes.rawValue("l", Long.MAX_VALUE).getValue());
    assertEquals((short) -2, SharedCtypes.rawValue("h", 65534).getValue());
    assertEquals(List.of(0, 0, 0), SharedCtypes.rawArray("i", 3).toList());
    RawValue<Byte> typed = SharedCtypes.rawValue(Typecode.BYTE, (byte) 7);
    assertEquals((byte) 7, typed.getValue());
  }

  @Test
  void charArray_valueStopsAtNul_rawIsEverything() {
    RawArray<Byte> s = SharedCtypes.rawArray("c", "hello".getBytes());
    s.setValue("hi".getBytes());
    assertArrayEquals("hi".getBytes(), s.getValue());
    assertArrayEquals(new byte[] {'h', 'i', 0, 'l', 'o'}, s.getRaw());
    assertThrows(IllegalArgumentException.class, () -> s.setRaw(new byte[6]));
    assertThrows(IllegalStateException.class, () -> SharedCtypes.rawArray("i", 2).getValue());
  }

  @Test
  void badInput_raises() {
    assertThrows(IllegalArgumentException.class, () -> SharedCtypes.rawValue("x", 1));
    assertThrows(IllegalArgumentException.class, () -> SharedCtypes.rawArray("i", -1));
    RawArray<Integer> a = SharedCtypes.rawArray("i", 3);
    assertThrows(IndexOutOfBoundsException.class, () -> a.get(3));
    assertThrows(IndexOutOfBoundsException.class, () -> a.set(-4, 1));
    assertThrows(IllegalArgumentException.class, () -> a.setSlice(0, 2, List.of(1)));
    assertThrows(IllegalArgumentException.class, () -> SharedCtypes.rawValue("i", "text"));
    record Bad(String s) {}
    assertThrows(IllegalArgumentException.class, () -> Structure.of(Bad.class));
  }

  @Test
  void copyAndSynchronize() {
    RawArray<Integer> a = SharedCtypes.rawArray("i", List.of(1, 2, 3));
    RawArray<Integer> c = SharedCtypes.copy(a);
    a.set(0, 9);
    assertEquals(List.of(1, 2, 3), c.toList());
    SynchronizedArray<Integer> s = SharedCtypes.synchronize(c);
    assertSame(c, s.getObj());
    try (var held = s.enter()) {
      s.set(1, 5);
    }
    assertEquals(List.of(1, 5, 3), c.toList());
    SynchronizedValue<Double> v = SharedCtypes.synchronize(SharedCtypes.copy(SharedCtypes.rawValue("d", 2.5)));
    assertEquals(2.5, v.getValue());
  }
}
