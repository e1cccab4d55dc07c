package dev.multiprocessing.codecs.impl;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What can be done with one Throwable class through public means: its usable constructors, the
 * fields of its user-defined classes, and how to rebuild an instance from a message, a cause and
 * those fields.
 *
 * <p>Throwable's own private state (detail message, cause, stack trace, suppressed list) cannot be
 * reflected on under JDK 17 without {@code --add-opens}; it is restored through constructors,
 * {@code initCause}, {@code setStackTrace} and {@code addSuppressed} instead. Immutable once built
 * and cached per class; thread-safe.
 */
final class ThrowableShape {
  /** Marks a field value that was not sent (the reader keeps the constructor's value). */
  static final Object ABSENT = new Object();

  private static final ClassValue<ThrowableShape> SHAPES =
      new ClassValue<>() {
        @Override
        protected ThrowableShape computeValue(Class<?> type) {
          return new ThrowableShape(type);
        }
      };

  final Class<?> type;
  private final Constructor<?> ofMessage;
  private final Constructor<?> ofMessageCause;
  private final Constructor<?> ofCauseMessage;
  private final Constructor<?> ofNothing;
  private final Constructor<?> ofCause;
  /** Non-static, non-transient fields of the user-defined classes of the hierarchy. */
  final Field[] fields;
  /** {@code DeclaringClass.field}, the wire name of each field. */
  final String[] keys;
  private final Map<String, Integer> indexOfKey;
  /** False if a user field could not be made accessible: such a class cannot be rebuilt. */
  final boolean fieldsAccessible;
  /** True if the JDK class is known to keep the message given to its (String) constructor. */
  private final boolean plainJdkMessage;

  static ThrowableShape of(Class<?> type) {
    return SHAPES.get(type);
  }

  private ThrowableShape(Class<?> type) {
    this.type = type;
    this.ofMessage = constructor(type, String.class);
    this.ofMessageCause = constructor(type, String.class, Throwable.class);
    this.ofCauseMessage = constructor(type, Throwable.class, String.class);
    this.ofNothing = constructor(type);
    this.ofCause = constructor(type, Throwable.class);
    List<Field> found = new ArrayList<>();
    boolean accessible = true;
    for (Class<?> c = type; c != Throwable.class && c != null; c = c.getSuperclass()) {
      if (!TypeRules.isUserClass(c)) {
        continue; // JDK classes: state only their constructors set
      }
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || Modifier.isTransient(m)) {
          continue;
        }
        try {
          f.setAccessible(true);
          found.add(f);
        } catch (RuntimeException e) {
          accessible = false;
        }
      }
    }
    this.fields = found.toArray(new Field[0]);
    this.keys = new String[fields.length];
    this.indexOfKey = new HashMap<>();
    for (int i = 0; i < fields.length; i++) {
      keys[i] = fields[i].getDeclaringClass().getName() + "." + fields[i].getName();
      indexOfKey.put(keys[i], i);
    }
    this.fieldsAccessible = accessible;
    this.plainJdkMessage =
        TypeRules.isJdk(type)
            && ofMessage != null
            && declaredByThrowable(type, "getMessage")
            && declaredByThrowable(type, "getCause");
  }

  private static Constructor<?> constructor(Class<?> type, Class<?>... params) {
    if (Modifier.isAbstract(type.getModifiers())) {
      return null;
    }
    try {
      if (TypeRules.isUserClass(type)) {
        Constructor<?> c = type.getDeclaredConstructor(params);
        c.setAccessible(true);
        return c;
      }
      Constructor<?> c = type.getConstructor(params); // JDK: public ones only
      return Modifier.isPublic(type.getModifiers()) ? c : null;
    } catch (NoSuchMethodException | RuntimeException e) {
      return null;
    }
  }

  private static boolean declaredByThrowable(Class<?> type, String method) {
    try {
      return type.getMethod(method).getDeclaringClass() == Throwable.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** The index of the field sent as {@code key}, or -1 if this class has no such field. */
  int indexOf(String key) {
    Integer i = indexOfKey.get(key);
    return i == null ? -1 : i;
  }

  /** Reads the user fields of {@code t}, in {@link #fields} order. */
  Object[] fieldValues(Throwable t) {
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      try {
        values[i] = fields[i].get(t);
      } catch (IllegalAccessException e) {
        values[i] = ABSENT;
      }
    }
    return values;
  }

  /**
   * True if {@link #rebuild} is certain to succeed without trying: a JDK class whose (String)
   * constructor keeps the message, and no cause to restore.
   */
  boolean trivially(Throwable cause) {
    return plainJdkMessage && cause == null;
  }

  /**
   * Builds an instance whose {@code getMessage()} equals {@code message} and whose {@code
   * getCause()} is {@code cause}, with {@code values} in its user fields; null if no constructor
   * gets there. Constructors are tried in the order that most often preserves the message. The
   * stack trace and suppressed exceptions are not set here.
   */
  Throwable rebuild(String message, Throwable cause, Object[] values) {
    if (!fieldsAccessible) {
      return null;
    }
    Throwable t;
    if ((t = attempt(ofMessage, values, message, cause, message)) != null
        || (t = attempt(ofMessageCause, values, message, cause, message, cause)) != null
        || (t = attempt(ofCauseMessage, values, message, cause, cause, message)) != null
        || (t = attempt(ofNothing, values, message, cause)) != null
        || (t = attempt(ofCause, values, message, cause, cause)) != null
        // Classes that compute their message from their fields (getMessage overridden):
        || (t = attempt(ofMessage, values, message, cause, (Object) null)) != null
        || (t = attempt(ofMessageCause, values, message, cause, null, cause)) != null) {
      return t;
    }
    return null;
  }

  private Throwable attempt(
      Constructor<?> constructor, Object[] values, String message, Throwable cause, Object... args) {
    if (constructor == null) {
      return null;
    }
    Throwable t;
    try {
      t = (Throwable) constructor.newInstance(args);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null; // e.g. a constructor that rejects a null cause
    }
    for (int i = 0; i < fields.length; i++) {
      Object v = values[i];
      if (v == ABSENT || (v == null && fields[i].getType().isPrimitive())) {
        continue;
      }
      try {
        fields[i].set(t, v);
      } catch (IllegalAccessException | RuntimeException e) {
        return null;
      }
    }
    try {
      if (cause != null && t.getCause() != cause) {
        t.initCause(cause);
      }
      return Objects.equals(t.getMessage(), message) && t.getCause() == cause ? t : null;
    } catch (RuntimeException e) {
      return null; // cause already set by the constructor, or a getMessage that fails
    }
  }
}
