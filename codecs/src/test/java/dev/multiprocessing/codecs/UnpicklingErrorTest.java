package dev.multiprocessing.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnpicklingErrorTest {
  /** The tests rename it inside the pickle, to simulate a class missing at the receiver. */
  record Vanishing(int x) {}

  @Test
  void loads_missingClass_namesTheClass() {
    byte[] bytes = Pickler.dumps(List.of(new Vanishing(1)));
    byte[] patched = TestSupport.patch(bytes, "Vanishin", "Vanixhin");
    UnpicklingError e = assertThrows(UnpicklingError.class, () -> Pickler.loads(patched));
    assertTrue(
        e.getMessage().contains("'" + Vanishing.class.getName().replace("Vanishing", "Vanixhing") + "'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("not available on this JVM"), e.getMessage());
  }

  @Test
  void loads_truncatedBytes_fails() {
    byte[] bytes = Pickler.dumps(List.of("a long enough string", 12345, new Vanishing(2)));
    assertThrows(
        UnpicklingError.class, () -> Pickler.loads(Arrays.copyOf(bytes, bytes.length / 2)));
  }

  @Test
  void loads_offsetAndLength_areHonoured() {
    byte[] bytes = Pickler.dumps(new Vanishing(7));
    byte[] framed = new byte[bytes.length + 10];
    Arrays.fill(framed, (byte) 0x7f);
    System.arraycopy(bytes, 0, framed, 3, bytes.length);
    assertEquals(new Vanishing(7), Pickler.loads(framed, 3, bytes.length));
    assertThrows(IndexOutOfBoundsException.class, () -> Pickler.loads(framed, 5, framed.length));
  }

  @Test
  void serializerPool_keepsWorkingAfterUnpicklingFailures() {
    byte[] patched = TestSupport.patch(Pickler.dumps(new Vanishing(1)), "Vanishin", "Vanixhin");
    for (int i = 0; i < 100; i++) {
      assertThrows(UnpicklingError.class, () -> Pickler.loads(patched));
      assertEquals(new Vanishing(i), Pickler.copy(new Vanishing(i)));
    }
  }
}
