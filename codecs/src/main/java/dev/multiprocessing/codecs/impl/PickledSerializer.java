package dev.multiprocessing.codecs.impl;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.multiprocessing.codecs.Pickled;

/**
 * A {@link Pickled} inside a pickled graph travels as its bytes, still undecoded at the receiver.
 * Stateless; thread-safe.
 */
final class PickledSerializer extends Serializer<Pickled> {
  PickledSerializer() {
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output output, Pickled pickled) {
    byte[] bytes = pickled.bytes();
    output.writeVarInt(bytes.length, true);
    output.writeBytes(bytes);
  }

  @Override
  public Pickled read(Kryo kryo, Input input, Class<? extends Pickled> type) {
    return Pickled.ofBytes(input.readBytes(input.readVarInt(true)));
  }
}
