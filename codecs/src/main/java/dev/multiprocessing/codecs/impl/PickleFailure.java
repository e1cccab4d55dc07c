package dev.multiprocessing.codecs.impl;

import com.esotericsoftware.kryo.KryoException;
import dev.multiprocessing.codecs.PicklingError;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A failure to pickle, travelling up through Kryo while the path to the offending object is
 * collected; turned into a {@link PicklingError} at the top.
 *
 * <p>It extends {@link KryoException} so that Kryo's serializers rethrow it unchanged and call
 * {@link #addTrace(String)} with field names on the way up. {@link MpKryo} adds every object
 * being written when the failure passes through it ({@link #enter(Object)}); edges that no field
 * name labels are named afterwards by finding the child inside its parent (list index, map key,
 * array index, field). Not thread-safe: it belongs to the failing thread until thrown at the top.
 */
final class PickleFailure extends KryoException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_SEARCH = 1_000_000;
  /** Edges shown at each end of a very deep path. */
  private static final int PATH_HEAD = 10;

  private static final int PATH_TAIL = 10;
  /** Prefix of a label that holds only a field name, to be qualified by its owner's class. */
  private static final String FIELD = "\0";

  private final String offendingClass;
  private final String reason;
  /** Objects from the innermost (the offending one) outwards; the last one is the root. */
  private final transient List<Object> chain = new ArrayList<>();
  /** labels.get(i) names the edge from chain[i + 1] to chain[i]; null until known. */
  private final List<String> labels = new ArrayList<>();

  private PickleFailure(String offendingClass, String reason, Throwable cause) {
    super(reason, cause);
    this.offendingClass = offendingClass;
    this.reason = reason;
  }

  /** {@code type} may not be pickled; {@code reason} may be null. */
  static PickleFailure refused(Class<?> type, String reason) {
    return new PickleFailure(type.getName(), reason, null);
  }

  /** {@code className} may not be pickled; {@code reason} may be null. */
  static PickleFailure refused(String className, String reason, Throwable cause) {
    return new PickleFailure(className, reason, cause);
  }

  /** Converts any failure met while writing {@code object} into a PickleFailure at that object. */
  static PickleFailure at(RuntimeException e, Object object) {
    PickleFailure f;
    if (e instanceof PickleFailure) {
      f = (PickleFailure) e;
    } else {
      String cls = object == null ? "?" : object.getClass().getName();
      f = new PickleFailure(cls, String.valueOf(rootMessage(e)), e);
    }
    return f.enter(object);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t instanceof KryoException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof StackOverflowError) {
      return "the object graph is too deep (stack overflow)";
    }
    return t == e ? e.getMessage() : t.toString();
  }

  /** Records that the failure passed through the writing of {@code object}. */
  PickleFailure enter(Object object) {
    if (object != null && (chain.isEmpty() || chain.get(chain.size() - 1) != object)) {
      chain.add(object);
      labels.add(null);
    }
    return this;
  }

  /** Names the edge leading to the innermost object entered so far, unless already named. */
  void label(String label) {
    int last = labels.size() - 1;
    if (last >= 0 && labels.get(last) == null) {
      labels.set(last, label);
    }
  }

  /**
   * Kryo's field and record serializers report {@code "name (SomeClass)"} on the way up, where
   * SomeClass is the owner for fields but the component type for records: only the name is kept,
   * and the owner is taken from the path itself when rendering.
   */
  @Override
  public void addTrace(String info) {
    int open = info.lastIndexOf(" (");
    if (open > 0 && info.endsWith(")") && isIdentifier(info.substring(0, open))) {
      label(FIELD + info.substring(0, open));
    }
  }

  private static boolean isIdentifier(String s) {
    if (!Character.isJavaIdentifierStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!Character.isJavaIdentifierPart(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder();
    sb.append("cannot pickle '").append(offendingClass).append("' object");
    if (reason != null) {
      sb.append(": ").append(reason);
    }
    return sb.append(" (path: ").append(path()).append(')').toString();
  }

  /** The public error, thrown at the top of a dumps. */
  PicklingError toError() {
    return new PicklingError(getMessage(), getCause());
  }

  /** {@code root -> com.x.Task.worker -> [3] -> ...}; very deep paths keep their two ends. */
  String path() {
    StringBuilder sb = new StringBuilder("root");
    for (int i = chain.size() - 2; i >= 0; i--) {
      int depth = chain.size() - 1 - i;
      if (depth > PATH_HEAD && i > PATH_TAIL) {
        sb.append(" -> ... (").append(i - PATH_TAIL).append(" more)");
        i = PATH_TAIL;
      }
      String label = labels.get(i);
      if (label == null) {
        label = describeEdge(chain.get(i + 1), chain.get(i));
      } else if (label.startsWith(FIELD)) {
        label = chain.get(i + 1).getClass().getName() + "." + label.substring(FIELD.length());
      }
      sb.append(" -> ").append(label);
    }
    return sb.toString();
  }

  /** How {@code child} hangs off {@code parent}, found by identity; only on the failure path. */
  private static String describeEdge(Object parent, Object child) {
    try {
      if (parent.getClass().isArray() && !parent.getClass().getComponentType().isPrimitive()) {
        for (int i = 0, n = Math.min(Array.getLength(parent), MAX_SEARCH); i < n; i++) {
          if (Array.get(parent, i) == child) {
            return "[" + i + "]";
          }
        }
      } else if (parent instanceof List) {
        int i = 0;
        for (Object e : (List<?>) parent) {
          if (e == child) {
            return "[" + i + "]";
          }
          if (++i > MAX_SEARCH) {
            break;
          }
        }
      } else if (parent instanceof Map) {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) parent).entrySet()) {
          if (e.getValue() == child) {
            return "[" + repr(e.getKey()) + "]";
          }
          if (e.getKey() == child) {
            return "<key " + repr(e.getKey()) + ">";
          }
        }
      } else if (parent instanceof Collection) {
        return "<element of " + parent.getClass().getName() + ">";
      } else if (parent instanceof Map.Entry) {
        return ((Map.Entry<?, ?>) parent).getKey() == child ? "<key>" : "<value>";
      } else {
        for (Class<?> c = parent.getClass(); c != null && TypeRules.isUserClass(c); ) {
          for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
              f.setAccessible(true);
              if (f.get(parent) == child) {
                return parent.getClass().getName() + "." + f.getName();
              }
            }
          }
          c = c.getSuperclass();
        }
      }
    } catch (RuntimeException | ReflectiveOperationException ignored) {
      // Best effort: a path with a '?' is still better than no error at all.
    }
    return "<" + child.getClass().getName() + " inside " + parent.getClass().getName() + ">";
  }

  private static String repr(Object key) {
    if (key == null) {
      return "null";
    }
    if (key instanceof CharSequence) {
      return "\"" + abbreviate(key.toString()) + "\"";
    }
    if (key instanceof Number || key instanceof Boolean || key instanceof Enum) {
      return key.toString();
    }
    if (key instanceof Character) {
      return "'" + key + "'";
    }
    return key.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(key));
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
