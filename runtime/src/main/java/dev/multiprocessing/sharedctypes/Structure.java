package dev.multiprocessing.sharedctypes;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code ctypes.Structure}, spelled as a Java record: each component is a field, in
 * order, of the typecode its type maps to ({@code double} d, {@code float} f, {@code long} q,
 * {@code int} i, {@code short} h, {@code byte} b). Python's
 * {@code class Point(Structure): _fields_ = [('x', c_double), ('y', c_double)]} is
 * {@code record Point(double x, double y)} and {@code Structure.of(Point.class)}. Fields are packed
 * without padding. An element reads as a new record (a copy): write it back with {@code set}.
 *
 * @param <T> the record type
 */
public final class Structure<T extends Record> implements CType<T> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private final List<Typecode<?>> fields;
  private final int size;
  private transient Constructor<T> constructor;

  private Structure(Class<T> type) {
    this.type = type;
    this.fields = new ArrayList<>();
    int s = 0;
    for (RecordComponent c : type.getRecordComponents()) {
      Typecode<?> t = typecode(c);
      fields.add(t);
      s += t.size();
    }
    this.size = s;
  }

  /** The structure of the record class {@code type}. */
  public static <T extends Record> Structure<T> of(Class<T> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    return new Structure<>(type);
  }

  private static Typecode<?> typecode(RecordComponent c) {
    Class<?> t = c.getType();
    if (t == double.class) {
      return Typecode.DOUBLE;
    } else if (t == float.class) {
      return Typecode.FLOAT;
    } else if (t == long.class) {
      return Typecode.LONGLONG;
    } else if (t == int.class) {
      return Typecode.INT;
    } else if (t == short.class) {
      return Typecode.SHORT;
    } else if (t == byte.class) {
      return Typecode.BYTE;
    }
    throw new IllegalArgumentException("field " + c.getName() + " of " + c.getDeclaringRecord().getName()
        + " has type " + t.getName() + ": a structure field must be double, float, long, int, short or byte");
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String code() {
    return type.getSimpleName();
  }

  @Override
  public T get(ByteBuffer b, int off) {
    Object[] args = new Object[fields.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = fields.get(i).get(b, off);
      off += fields.get(i).size();
    }
    try {
      return constructor().newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build a " + type.getName(), e);
    }
  }

  @Override
  public void put(ByteBuffer b, int off, Object value) {
    RecordComponent[] comps = type.getRecordComponents();
    for (int i = 0; i < comps.length; i++) {
      try {
        var accessor = comps[i].getAccessor();
        accessor.setAccessible(true);
        fields.get(i).put(b, off, accessor.invoke(type.cast(value)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + type.getName() + "." + comps[i].getName(), e);
      }
      off += fields.get(i).size();
    }
  }

  private Constructor<T> constructor() throws NoSuchMethodException {
    if (constructor == null) {
      Class<?>[] types = java.util.Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
          .toArray(Class<?>[]::new);
      Constructor<T> c = type.getDeclaredConstructor(types);
      c.setAccessible(true);
      constructor = c;
    }
    return constructor;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Structure<?> s && s.type == type;
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }
}
