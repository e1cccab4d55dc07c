package dev.multiprocessing.codecs.impl;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.multiprocessing.codecs.Handle;
import dev.multiprocessing.codecs.Shareable;

/**
 * Writes a {@link Shareable}'s {@link Handle} in its place, and reads back what the handle
 * resolves to. Every Shareable class reaches it through {@link MpClassResolver}. Stateless;
 * thread-safe.
 */
final class ShareableSerializer extends Serializer<Object> {
  @Override
  public void write(Kryo kryo, Output output, Object object) {
    Shareable shareable = (Shareable) object;
    Handle handle;
    try {
      handle = shareable.handle();
    } catch (RuntimeException e) {
      throw PickleFailure.refused(shareable.getClass().getName(), "its handle() failed: " + e, e);
    }
    if (handle == null) {
      throw PickleFailure.refused(shareable.getClass(), "its handle() returned null");
    }
    try {
      kryo.writeClassAndObject(output, handle);
    } catch (PickleFailure f) {
      f.label(shareable.getClass().getName() + ".handle()");
      throw f;
    }
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<?> type) {
    Handle handle = (Handle) kryo.readClassAndObject(input);
    Object resolved;
    try {
      resolved = handle.resolve();
    } catch (RuntimeException e) {
      throw new KryoException("resolving handle " + handle + " failed: " + e, e);
    }
    // The resolved object takes the Shareable's place whatever its type: Object, not Shareable.
    return resolved;
  }
}
