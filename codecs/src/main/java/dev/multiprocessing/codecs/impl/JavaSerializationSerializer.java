package dev.multiprocessing.codecs.impl;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Kryo serializer that embeds Java serialization (see {@link JavaSerialization}), for Serializable
 * classes that Kryo's field serializer cannot handle faithfully. Stateless; thread-safe.
 */
final class JavaSerializationSerializer extends Serializer<Object> {
  @Override
  public void write(Kryo kryo, Output output, Object object) {
    JavaSerialization.write(output, object);
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<?> type) {
    return JavaSerialization.read(kryo, input);
  }
}
