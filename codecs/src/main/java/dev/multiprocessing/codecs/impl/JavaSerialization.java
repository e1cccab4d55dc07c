package dev.multiprocessing.codecs.impl;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.multiprocessing.codecs.Handle;
import dev.multiprocessing.codecs.Shareable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * Java serialization embedded in a Kryo stream, for what Kryo cannot do without {@code
 * --add-opens}: JDK classes without a dedicated serializer, user classes with serialization hooks,
 * exceptions whose state only the JDK can restore.
 *
 * <p>The pickling rules still hold inside: a {@link Shareable} is replaced by its handle (resolved
 * on reading), and an object that is not {@link Serializable} but is picklable (a record, say) is
 * embedded as its own pickle; anything else fails as usual, naming the class. References are
 * shared within one embedded block only. Stateless; thread-safe.
 */
final class JavaSerialization {
  private JavaSerialization() {}

  /** Writes {@code object} as a length-prefixed block; fails with a {@link PickleFailure}. */
  static void write(Output output, Object object) {
    byte[] bytes = toBytes(object);
    output.writeVarInt(bytes.length, true);
    output.writeBytes(bytes);
  }

  /** Reads a block written by {@link #write}. */
  static Object read(Kryo kryo, Input input) {
    byte[] bytes = input.readBytes(input.readVarInt(true));
    try {
      return fromBytes(bytes, kryo.getClassLoader());
    } catch (IOException | ClassNotFoundException e) {
      throw new KryoException("Java deserialization failed: " + e, e);
    }
  }

  /** Java-serializes {@code object}; fails with a {@link PickleFailure}. */
  static byte[] toBytes(Object object) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new PicklingObjectOutputStream(bytes)) {
      out.writeObject(object);
    } catch (NotSerializableException e) {
      throw PickleFailure.refused(e.getMessage(), "it is not java.io.Serializable", null);
    } catch (IOException e) {
      throw PickleFailure.refused(object.getClass().getName(), "Java serialization failed: " + e, e);
    }
    return bytes.toByteArray();
  }

  /** The inverse of {@link #toBytes}; resolves classes through {@code loader} first. */
  static Object fromBytes(byte[] bytes, ClassLoader loader)
      throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new PicklingObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
      return in.readObject();
    }
  }

  /** Stands for a Shareable inside a Java-serialized block. */
  private record SharedRef(Handle handle) implements Serializable {}

  /** Stands for a picklable but non-Serializable object inside a Java-serialized block. */
  private record Embedded(byte[] pickle) implements Serializable {}

  private static final class PicklingObjectOutputStream extends ObjectOutputStream {
    PicklingObjectOutputStream(OutputStream out) throws IOException {
      super(out);
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) {
      if (obj instanceof Shareable) {
        return new SharedRef(((Shareable) obj).handle());
      }
      if (obj != null && !(obj instanceof Serializable)) {
        // Fails with a PickleFailure if it is not picklable either; it propagates unchanged
        // through ObjectOutputStream, which only handles IOExceptions.
        return new Embedded(Codec.dumpsOrFail(obj));
      }
      return obj;
    }
  }

  private static final class PicklingObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    PicklingObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
      enableResolveObject(true);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc); // primitives, and the JDK's own loader rules
      }
    }

    @Override
    protected Object resolveObject(Object obj) {
      if (obj instanceof SharedRef) {
        return ((SharedRef) obj).handle().resolve();
      }
      if (obj instanceof Embedded) {
        byte[] pickle = ((Embedded) obj).pickle();
        return Codec.loads(pickle, 0, pickle.length);
      }
      return obj;
    }
  }
}
