package dev.multiprocessing.codecs.impl;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serializable lambdas and method references, through their {@link SerializedLambda} form, like
 * Java serialization: written by calling the lambda's own {@code writeReplace}, rebuilt by calling
 * the capturing class's {@code $deserializeLambda$}. Captured values are pickled like any other
 * object.
 *
 * <p>Written instead of Kryo's {@code ClosureSerializer} (which does the same) for three reasons:
 * it reflects into {@code java.lang.invoke} and logs a warning for every new Kryo instance without
 * {@code --add-opens}; it cannot name the problem when the lambda is not serializable; and it
 * writes and parses the lambda's nine descriptive strings every time, which is most of the cost.
 * Here those strings (the same for every instance of a lambda class) are encoded once per class,
 * sent as one block with a hash, and decoded once per JVM: the receiver recognizes a known block
 * by its hash and bytes. A serializable lambda defined inside the JDK (e.g. {@code
 * Comparator.comparing}) cannot be opened by reflection: it travels through Java serialization.
 *
 * <p>Thread-safe: caches are class values and concurrent maps of immutable descriptors.
 */
final class LambdaSerializer extends Serializer<Object> {
  private static final byte FIELDS = 0;
  private static final byte JAVA = 1;

  /** The writeReplace method of a lambda class and its descriptor, once known. */
  private static final class LambdaClass {
    final Method writeReplace;
    volatile Descriptor descriptor;

    LambdaClass(Method writeReplace) {
      this.writeReplace = writeReplace;
    }
  }

  private static final ClassValue<LambdaClass> LAMBDA_CLASSES =
      new ClassValue<>() {
        @Override
        protected LambdaClass computeValue(Class<?> type) {
          try {
            Method m = type.getDeclaredMethod("writeReplace");
            m.setAccessible(true);
            return new LambdaClass(m);
          } catch (NoSuchMethodException | RuntimeException e) {
            return new LambdaClass(null); // not serializable, or in a module closed to us
          }
        }
      };

  private static final ClassValue<Method> DESERIALIZE =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
          try {
            Method m = type.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
            m.setAccessible(true);
            return m;
          } catch (NoSuchMethodException | RuntimeException e) {
            return null;
          }
        }
      };

  /** Descriptors read so far, by hash; the bytes are compared too, so a collision is harmless. */
  private static final Map<Long, Descriptor> READ = new ConcurrentHashMap<>();

  /** True to (de)serialize SerializedLambda objects themselves rather than lambdas. */
  private final boolean serializedForm;

  LambdaSerializer(boolean serializedForm) {
    this.serializedForm = serializedForm;
  }

  @Override
  public void write(Kryo kryo, Output output, Object object) {
    if (serializedForm) {
      SerializedLambda lambda = (SerializedLambda) object;
      writeFields(kryo, output, Descriptor.of(lambda), lambda);
      return;
    }
    Class<?> type = object.getClass();
    if (!(object instanceof Serializable)) {
      throw PickleFailure.refused(
          type,
          "lambda implementing "
              + TypeRules.interfacesOf(type)
              + " is not serializable: make its functional interface extend java.io.Serializable");
    }
    LambdaClass lambdaClass = LAMBDA_CLASSES.get(type);
    if (lambdaClass.writeReplace == null) {
      output.writeByte(JAVA);
      JavaSerialization.write(output, object);
      return;
    }
    SerializedLambda lambda;
    try {
      lambda = (SerializedLambda) lambdaClass.writeReplace.invoke(object);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw PickleFailure.refused(type.getName(), "its writeReplace failed: " + e, e);
    }
    Descriptor descriptor = lambdaClass.descriptor;
    if (descriptor == null) {
      descriptor = Descriptor.of(lambda); // the same for every instance of the class
      lambdaClass.descriptor = descriptor;
    }
    output.writeByte(FIELDS);
    writeFields(kryo, output, descriptor, lambda);
  }

  private static void writeFields(
      Kryo kryo, Output output, Descriptor descriptor, SerializedLambda lambda) {
    output.writeLong(descriptor.hash);
    output.writeVarInt(descriptor.bytes.length, true);
    output.writeBytes(descriptor.bytes);
    int count = lambda.getCapturedArgCount();
    output.writeVarInt(count, true);
    for (int i = 0; i < count; i++) {
      try {
        kryo.writeClassAndObject(output, lambda.getCapturedArg(i));
      } catch (PickleFailure f) {
        f.label(
            "<lambda "
                + descriptor.implClass.replace('/', '.')
                + "::"
                + descriptor.implMethod
                + ">.captured["
                + i
                + "]");
        throw f;
      }
    }
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<?> type) {
    if (!serializedForm && input.readByte() == JAVA) {
      return JavaSerialization.read(kryo, input);
    }
    long hash = input.readLong();
    byte[] bytes = input.readBytes(input.readVarInt(true));
    Descriptor descriptor = READ.get(hash);
    if (descriptor == null || !Arrays.equals(descriptor.bytes, bytes)) {
      descriptor = Descriptor.parse(hash, bytes, kryo.getClassLoader());
      READ.put(hash, descriptor);
    }
    Object[] captured = new Object[input.readVarInt(true)];
    for (int i = 0; i < captured.length; i++) {
      captured[i] = kryo.readClassAndObject(input);
    }
    SerializedLambda lambda = descriptor.toSerializedLambda(captured);
    if (serializedForm) {
      return lambda;
    }
    Method deserialize = DESERIALIZE.get(descriptor.capturing);
    if (deserialize == null) {
      throw new KryoException(
          "cannot rebuild lambda " + descriptor.describe() + ": "
              + descriptor.capturing.getName() + " has no accessible $deserializeLambda$");
    }
    try {
      return deserialize.invoke(null, lambda);
    } catch (InvocationTargetException e) {
      throw new KryoException(
          "cannot rebuild lambda " + descriptor.describe() + ": " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new KryoException("cannot rebuild lambda " + descriptor.describe(), e);
    }
  }

  /** The nine descriptive fields of a SerializedLambda, and their encoding. Immutable. */
  private static final class Descriptor {
    final long hash;
    final byte[] bytes;
    final String capturingName;
    final String functionalInterface;
    final String functionalMethod;
    final String functionalSignature;
    final int implKind;
    final String implClass;
    final String implMethod;
    final String implSignature;
    final String instantiatedType;
    /** Resolved on the reading side only. */
    final Class<?> capturing;

    private Descriptor(long hash, byte[] bytes, String[] f, Class<?> capturing) {
      this.hash = hash;
      this.bytes = bytes;
      this.capturingName = f[0];
      this.functionalInterface = f[1];
      this.functionalMethod = f[2];
      this.functionalSignature = f[3];
      this.implKind = Integer.parseInt(f[4]);
      this.implClass = f[5];
      this.implMethod = f[6];
      this.implSignature = f[7];
      this.instantiatedType = f[8];
      this.capturing = capturing;
    }

    static Descriptor of(SerializedLambda l) {
      String[] fields = {
        l.getCapturingClass(),
        l.getFunctionalInterfaceClass(),
        l.getFunctionalInterfaceMethodName(),
        l.getFunctionalInterfaceMethodSignature(),
        Integer.toString(l.getImplMethodKind()),
        l.getImplClass(),
        l.getImplMethodName(),
        l.getImplMethodSignature(),
        l.getInstantiatedMethodType()
      };
      // NUL never occurs in class names, method names or descriptors.
      byte[] bytes = String.join("\0", fields).getBytes(StandardCharsets.UTF_8);
      return new Descriptor(fnv1a(bytes), bytes, fields, null);
    }

    static Descriptor parse(long hash, byte[] bytes, ClassLoader loader) {
      String[] fields = new String(bytes, StandardCharsets.UTF_8).split("\0", -1);
      if (fields.length != 9) {
        throw new KryoException("corrupt lambda descriptor");
      }
      String name = fields[0].replace('/', '.');
      try {
        return new Descriptor(hash, bytes, fields, Class.forName(name, false, loader));
      } catch (ClassNotFoundException e) {
        throw new KryoException("Unable to find class: " + name, e);
      }
    }

    SerializedLambda toSerializedLambda(Object[] captured) {
      return new SerializedLambda(
          capturing,
          functionalInterface,
          functionalMethod,
          functionalSignature,
          implKind,
          implClass,
          implMethod,
          implSignature,
          instantiatedType,
          captured);
    }

    String describe() {
      return implClass.replace('/', '.') + "::" + implMethod;
    }

    private static long fnv1a(byte[] bytes) {
      long h = 0xcbf29ce484222325L;
      for (byte b : bytes) {
        h ^= b & 0xff;
        h *= 0x100000001b3L;
      }
      return h;
    }
  }
}
