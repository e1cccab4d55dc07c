package dev.multiprocessing.codecs.impl;

import java.io.Externalizable;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Questions about classes that decide how (and whether) they are pickled. Stateless; thread-safe.
 */
final class TypeRules {
  private static final Module OURS = TypeRules.class.getModule();
  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

  private TypeRules() {}

  /**
   * True for classes of the Java platform (loaded by the boot or platform loader). Their private
   * state cannot be reflected on under JDK 17 strong encapsulation, so they need dedicated
   * serializers or Java serialization.
   */
  static boolean isJdk(Class<?> type) {
    while (type.isArray()) {
      type = type.getComponentType();
    }
    ClassLoader loader = type.getClassLoader();
    return loader == null || loader == PLATFORM;
  }

  /** True if this code may reflect on private members of {@code type} (its package is open). */
  static boolean isOpen(Class<?> type) {
    return type.getModule().isOpen(type.getPackageName(), OURS);
  }

  /** True for classes whose own fields we copy field by field (not JDK, open to us). */
  static boolean isUserClass(Class<?> type) {
    return !isJdk(type) && isOpen(type);
  }

  /**
   * True if Kryo's FieldSerializer can serialize {@code type} faithfully: every class of its
   * hierarchy with state is open to us and not a JDK class, and none declares Java serialization
   * hooks (writeObject, readObject, writeReplace, readResolve) whose semantics FieldSerializer
   * would silently ignore.
   */
  static boolean fieldSerializerFits(Class<?> type) {
    if (Externalizable.class.isAssignableFrom(type)) {
      return false;
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      if (!isUserClass(c)) {
        if (hasSerializedFields(c)) {
          return false;
        }
      } else if (declaresSerializationHooks(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasSerializedFields(Class<?> c) {
    for (Field f : c.getDeclaredFields()) {
      int m = f.getModifiers();
      if (!Modifier.isStatic(m) && !Modifier.isTransient(m)) {
        return true;
      }
    }
    return false;
  }

  private static boolean declaresSerializationHooks(Class<?> c) {
    return hasMethod(c, "writeObject", ObjectOutputStream.class)
        || hasMethod(c, "readObject", ObjectInputStream.class)
        || hasMethod(c, "readObjectNoData")
        || hasMethod(c, "writeReplace")
        || hasMethod(c, "readResolve");
  }

  private static boolean hasMethod(Class<?> c, String name, Class<?>... params) {
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals(name)
          && !Modifier.isStatic(m.getModifiers())
          && java.util.Arrays.equals(m.getParameterTypes(), params)) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code type} is public and has a public no-arg constructor. */
  static boolean hasPublicNoArgConstructor(Class<?> type) {
    if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
      return false;
    }
    try {
      type.getConstructor();
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** A short readable description of a lambda class: the interfaces it implements. */
  static String interfacesOf(Class<?> type) {
    StringBuilder sb = new StringBuilder();
    for (Class<?> i : type.getInterfaces()) {
      if (i == java.io.Serializable.class) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(" & ");
      }
      sb.append(i.getName());
    }
    return sb.length() == 0 ? "no interface" : sb.toString();
  }
}
