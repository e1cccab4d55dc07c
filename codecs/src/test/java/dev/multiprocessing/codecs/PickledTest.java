package dev.multiprocessing.codecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PickledTest {
  @Test
  void of_serializesEagerly_laterChangesAreNotSent() {
    List<String> list = new ArrayList<>(List.of("a"));
    Pickled pickled = Pickled.of(list);
    list.add("b");
    assertEquals(List.of("a"), pickled.get());
    assertNotSame(list, pickled.get());
  }

  @Test
  void get_decodesOnce_andReturnsTheSameInstance() {
    Pickled pickled = Pickled.of(new ArrayList<>(List.of(1)));
    assertSame(pickled.get(), pickled.get());
  }

  @Test
  void get_withType_castsAndBoxesPrimitives() {
    assertEquals(5, Pickled.of(5).get(int.class));
    assertEquals("s", Pickled.of("s").get(String.class));
    assertNull(Pickled.of(null).get(String.class));
    assertThrows(ClassCastException.class, () -> Pickled.of("s").get(Integer.class));
  }

  @Test
  void ofBytes_wrapsWithoutCopying_andSizeIsTheByteCount() {
    byte[] bytes = Pickler.dumps(List.of(1, 2));
    Pickled pickled = Pickled.ofBytes(bytes);
    assertSame(bytes, pickled.bytes());
    assertEquals(bytes.length, pickled.size());
    assertEquals(List.of(1, 2), pickled.get());
  }

  @Test
  void get_ofUndecodableBytes_raisesUnpicklingError() {
    Pickled pickled = Pickled.ofBytes(new byte[] {99, 1, 2});
    assertThrows(UnpicklingError.class, pickled::get);
    assertArrayEquals(new byte[] {99, 1, 2}, pickled.bytes());
  }
}
