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
import java.util.HashMap;
import java.util.Map;

/**
 * Serializable lambdas and method references, through their {@link SerializedLambda} form, like
 * Java serialization: written by calling the lambda's own {@code writeReplace}, rebuilt by calling
 * the capturing class's {@code $deserializeLambda$}. Captured values are pickled like any other
 * object.
 *
 * <p>Written instead of Kryo's {@code ClosureSerializer} (which does the same) for two reasons: it
 * reflects into {@code java.lang.invoke} and logs a warning for every new Kryo instance without
 * {@code --add-opens}, and it cannot name the problem when the lambda is not serializable. A
 * serializable lambda defined inside the JDK (e.g. {@code Comparator.comparing}) cannot be opened
 * by reflection: it travels through Java serialization instead.
 *
 * <p>The method lookups are cached per class, safely across threads; the class-name cache is per
 * instance, and an instance belongs to one Kryo, used by one thread at a time.
 */
final class LambdaSerializer extends Serializer<Object> {
  private static final byte FIELDS = 0;
  private static final byte JAVA = 1;

  private static final ClassValue<Method> WRITE_REPLACE =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
          try {
            Method m = type.getDeclaredMethod("writeReplace");
            m.setAccessible(true);
            return m;
          } catch (NoSuchMethodException | RuntimeException e) {
            return null; // not serializable, or inside a module closed to us
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

  /** True to (de)serialize SerializedLambda objects themselves rather than lambdas. */
  private final boolean serializedForm;

  private final Map<String, Class<?>> classes = new HashMap<>();

  LambdaSerializer(boolean serializedForm) {
    this.serializedForm = serializedForm;
  }

  @Override
  public void write(Kryo kryo, Output output, Object object) {
    if (serializedForm) {
      writeFields(kryo, output, (SerializedLambda) object);
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
    Method writeReplace = WRITE_REPLACE.get(type);
    if (writeReplace == null) {
      output.writeByte(JAVA);
      JavaSerialization.write(output, object);
      return;
    }
    SerializedLambda lambda;
    try {
      lambda = (SerializedLambda) writeReplace.invoke(object);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw PickleFailure.refused(type.getName(), "its writeReplace failed: " + e, e);
    }
    output.writeByte(FIELDS);
    writeFields(kryo, output, lambda);
  }

  private static void writeFields(Kryo kryo, Output output, SerializedLambda lambda) {
    output.writeString(lambda.getCapturingClass());
    output.writeString(lambda.getFunctionalInterfaceClass());
    output.writeString(lambda.getFunctionalInterfaceMethodName());
    output.writeString(lambda.getFunctionalInterfaceMethodSignature());
    output.writeVarInt(lambda.getImplMethodKind(), true);
    output.writeString(lambda.getImplClass());
    output.writeString(lambda.getImplMethodName());
    output.writeString(lambda.getImplMethodSignature());
    output.writeString(lambda.getInstantiatedMethodType());
    int count = lambda.getCapturedArgCount();
    output.writeVarInt(count, true);
    for (int i = 0; i < count; i++) {
      try {
        kryo.writeClassAndObject(output, lambda.getCapturedArg(i));
      } catch (PickleFailure f) {
        f.label(
            "<lambda "
                + lambda.getImplClass().replace('/', '.')
                + "::"
                + lambda.getImplMethodName()
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
    String capturingName = input.readString();
    Class<?> capturing = load(kryo, capturingName.replace('/', '.'));
    String functionalInterface = input.readString();
    String functionalMethod = input.readString();
    String functionalSignature = input.readString();
    int implKind = input.readVarInt(true);
    String implClass = input.readString();
    String implMethod = input.readString();
    String implSignature = input.readString();
    String instantiatedType = input.readString();
    Object[] captured = new Object[input.readVarInt(true)];
    for (int i = 0; i < captured.length; i++) {
      captured[i] = kryo.readClassAndObject(input);
    }
    SerializedLambda lambda =
        new SerializedLambda(
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
    if (serializedForm) {
      return lambda;
    }
    Method deserialize = DESERIALIZE.get(capturing);
    if (deserialize == null) {
      throw new KryoException(
          "cannot rebuild lambda " + implClass + "::" + implMethod + ": "
              + capturing.getName() + " has no accessible $deserializeLambda$");
    }
    try {
      return deserialize.invoke(null, lambda);
    } catch (InvocationTargetException e) {
      throw new KryoException(
          "cannot rebuild lambda " + implClass + "::" + implMethod + ": " + e.getCause(),
          e.getCause());
    } catch (IllegalAccessException e) {
      throw new KryoException("cannot rebuild lambda " + implClass + "::" + implMethod, e);
    }
  }

  private Class<?> load(Kryo kryo, String name) {
    Class<?> type = classes.get(name);
    if (type == null) {
      try {
        type = Class.forName(name, false, kryo.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new KryoException("Unable to find class: " + name, e);
      }
      classes.put(name, type);
    }
    return type;
  }
}
