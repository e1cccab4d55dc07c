package dev.multiprocessing.codecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LargeMessageTest {
  private static final int SIXTY_FOUR_MIB = 64 << 20;

  record Blob(String name, byte[] data) {}

  @Test
  void dumpsAndLoads_sixtyFourMebibyteMessage_roundTrips() {
    byte[] data = new byte[SIXTY_FOUR_MIB];
    new Random(42).nextBytes(data);
    byte[] bytes = Pickler.dumps(new Blob("big", data));
    Blob copy = (Blob) Pickler.loads(bytes);
    assertEquals("big", copy.name());
    assertArrayEquals(data, copy.data());
    // The pooled serializer is still fine (and does not keep a 64 MiB buffer around).
    assertEquals(new Blob("small", null).name(), Pickler.copy(new Blob("small", null)).name());
  }

  @Test
  void codec_sixtyFourMebibyteMessage_crossesTheWire() {
    int[] ints = new int[SIXTY_FOUR_MIB / 4];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = i * 31;
    }
    Pickled pickled = Pickled.of(ints);
    KryoMessageCodec codec = new KryoMessageCodec();
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, pickled);
    Pickled received = codec.decodeFromWire(0, wire);
    assertEquals(pickled.size(), received.size());
    assertArrayEquals(ints, received.get(int[].class));
  }
}
