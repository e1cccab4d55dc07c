package dev.multiprocessing.codecs.impl;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * The serializer of classes that may not be pickled: writing one fails with a {@link
 * PickleFailure} naming the class, before anything leaves the process. Immutable; thread-safe.
 */
final class RefusingSerializer extends Serializer<Object> {
  private final Class<?> type;
  private final String reason;

  RefusingSerializer(Class<?> type, String reason) {
    this.type = type;
    this.reason = reason;
  }

  @Override
  public void write(Kryo kryo, Output output, Object object) {
    throw PickleFailure.refused(type, reason);
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<?> t) {
    // Only forged or foreign bytes can name a refused class: we never write one.
    throw new KryoException("class " + type.getName() + " cannot be unpickled: it is not picklable");
  }
}
