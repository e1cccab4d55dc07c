package dev.multiprocessing.codecs.impl;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Serializers for JDK types that Kryo 5.6 lacks or gets wrong without {@code --add-opens}: the
 * immutable lists of {@code List.of} and {@code Stream.toList} (the latter may hold nulls),
 * unmodifiable, synchronized and checked wrappers, views ({@code keySet()}, {@code subList()},
 * ...), map entries, {@code EnumMap} and {@code Path}.
 *
 * <p>Wrappers come back wrapped the same way around a fresh copy; views and checked collections
 * come back as plain copies of the nearest public type (a list view as an ArrayList, a sorted set
 * view as a TreeSet with the same comparator, ...). Every serializer here is stateless;
 * thread-safe.
 */
final class JdkSerializers {
  private JdkSerializers() {}

  static void addDefaults(Kryo kryo) {
    Serializer<List<Object>> immutableList = new ImmutableListSerializer();
    kryo.addDefaultSerializer(List.of().getClass(), immutableList);
    kryo.addDefaultSerializer(List.of(1).getClass(), immutableList);
    kryo.addDefaultSerializer(List.of(1, 2, 3).subList(0, 2).getClass(), immutableList);
    kryo.addDefaultSerializer(Path.class, new PathSerializer());
  }

  /** A dedicated serializer for JDK {@code type}, or null to let Kryo choose. */
  static Serializer<?> forJdkType(Class<?> type) {
    if (type == EnumMap.class) {
      return new EnumMapSerializer();
    }
    if (Map.Entry.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type)) {
      return new MapEntrySerializer(type);
    }
    return null;
  }

  /**
   * True if Kryo's Collection/Map serializer could not rebuild {@code type} at the receiver: it
   * needs a public no-arg constructor and a public class to call it through, and the wrappers of
   * {@code java.util.Collections} have neither.
   */
  static boolean cannotBeRebuiltAsIs(Class<?> type) {
    return type.getName().startsWith("java.util.Collections$")
        || !TypeRules.hasPublicNoArgConstructor(type);
  }

  /** A serializer that rebuilds {@code type} (a JDK collection or map) as described above. */
  static Serializer<Object> copying(Class<?> type) {
    String name = type.getName();
    Wrap wrap =
        name.startsWith("java.util.Collections$Unmodifiable")
            ? Wrap.UNMODIFIABLE
            : name.startsWith("java.util.Collections$Synchronized") ? Wrap.SYNCHRONIZED : Wrap.NONE;
    return new CopyingSerializer(Shape.of(type), wrap);
  }

  private enum Wrap {
    NONE,
    UNMODIFIABLE,
    SYNCHRONIZED
  }

  /** The public interface a copy is rebuilt as. */
  private enum Shape {
    NAVIGABLE_MAP,
    SORTED_MAP,
    MAP,
    LIST,
    NAVIGABLE_SET,
    SORTED_SET,
    SET,
    QUEUE,
    COLLECTION;

    static Shape of(Class<?> type) {
      if (Map.class.isAssignableFrom(type)) {
        return NavigableMap.class.isAssignableFrom(type)
            ? NAVIGABLE_MAP
            : SortedMap.class.isAssignableFrom(type) ? SORTED_MAP : MAP;
      }
      if (List.class.isAssignableFrom(type)) {
        return LIST;
      }
      if (Set.class.isAssignableFrom(type)) {
        return NavigableSet.class.isAssignableFrom(type)
            ? NAVIGABLE_SET
            : SortedSet.class.isAssignableFrom(type) ? SORTED_SET : SET;
      }
      return Queue.class.isAssignableFrom(type) ? QUEUE : COLLECTION;
    }

    boolean isMap() {
      return this == NAVIGABLE_MAP || this == SORTED_MAP || this == MAP;
    }

    boolean isSorted() {
      return this == NAVIGABLE_MAP
          || this == SORTED_MAP
          || this == NAVIGABLE_SET
          || this == SORTED_SET;
    }
  }

  /** See {@link JdkSerializers}: wrappers and views. */
  private static final class CopyingSerializer extends Serializer<Object> {
    private final Shape shape;
    private final Wrap wrap;

    CopyingSerializer(Shape shape, Wrap wrap) {
      this.shape = shape;
      this.wrap = wrap;
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
      if (wrap == Wrap.SYNCHRONIZED) {
        // The documented mutex of a synchronized wrapper is the wrapper itself.
        synchronized (object) {
          writeContent(kryo, output, object);
        }
      } else {
        writeContent(kryo, output, object);
      }
    }

    private void writeContent(Kryo kryo, Output output, Object object) {
      if (shape.isSorted()) {
        Comparator<?> comparator =
            shape.isMap()
                ? ((SortedMap<?, ?>) object).comparator()
                : ((SortedSet<?>) object).comparator();
        kryo.writeClassAndObject(output, comparator);
      }
      if (shape.isMap()) {
        // Copy first: the size written must match the entries written even if a concurrent
        // writer (outside the synchronized wrapper) changes the map meanwhile.
        List<Map.Entry<?, ?>> entries = new ArrayList<>(((Map<?, ?>) object).entrySet());
        output.writeVarInt(entries.size(), true);
        for (Map.Entry<?, ?> e : entries) {
          kryo.writeClassAndObject(output, e.getKey());
          kryo.writeClassAndObject(output, e.getValue());
        }
      } else {
        Object[] elements = ((Collection<?>) object).toArray();
        output.writeVarInt(elements.length, true);
        for (Object element : elements) {
          kryo.writeClassAndObject(output, element);
        }
      }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object read(Kryo kryo, Input input, Class<?> type) {
      Comparator comparator = shape.isSorted() ? (Comparator) kryo.readClassAndObject(input) : null;
      Object base;
      switch (shape) {
        case NAVIGABLE_MAP:
        case SORTED_MAP:
          base = new TreeMap<>(comparator);
          break;
        case MAP:
          base = new LinkedHashMap<>();
          break;
        case LIST:
          base = new ArrayList<>();
          break;
        case NAVIGABLE_SET:
        case SORTED_SET:
          base = new TreeSet<>(comparator);
          break;
        case SET:
          base = new LinkedHashSet<>();
          break;
        case QUEUE:
          base = new LinkedList<>();
          break;
        default:
          base = new ArrayList<>();
      }
      Object result = wrap(base);
      // Referenced before the content is read, so elements may point back at the collection.
      kryo.reference(result);
      int size = input.readVarInt(true);
      if (shape.isMap()) {
        Map map = (Map) base;
        for (int i = 0; i < size; i++) {
          Object key = kryo.readClassAndObject(input);
          map.put(key, kryo.readClassAndObject(input));
        }
      } else {
        Collection collection = (Collection) base;
        for (int i = 0; i < size; i++) {
          collection.add(kryo.readClassAndObject(input));
        }
      }
      return result;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object wrap(Object base) {
      if (wrap == Wrap.NONE) {
        return base;
      }
      boolean unmodifiable = wrap == Wrap.UNMODIFIABLE;
      switch (shape) {
        case NAVIGABLE_MAP:
          return unmodifiable
              ? Collections.unmodifiableNavigableMap((NavigableMap) base)
              : Collections.synchronizedNavigableMap((NavigableMap) base);
        case SORTED_MAP:
          return unmodifiable
              ? Collections.unmodifiableSortedMap((SortedMap) base)
              : Collections.synchronizedSortedMap((SortedMap) base);
        case MAP:
          return unmodifiable
              ? Collections.unmodifiableMap((Map) base)
              : Collections.synchronizedMap((Map) base);
        case LIST:
          return unmodifiable
              ? Collections.unmodifiableList((List) base)
              : Collections.synchronizedList((List) base);
        case NAVIGABLE_SET:
          return unmodifiable
              ? Collections.unmodifiableNavigableSet((NavigableSet) base)
              : Collections.synchronizedNavigableSet((NavigableSet) base);
        case SORTED_SET:
          return unmodifiable
              ? Collections.unmodifiableSortedSet((SortedSet) base)
              : Collections.synchronizedSortedSet((SortedSet) base);
        case SET:
          return unmodifiable
              ? Collections.unmodifiableSet((Set) base)
              : Collections.synchronizedSet((Set) base);
        default:
          return unmodifiable
              ? Collections.unmodifiableCollection((Collection) base)
              : Collections.synchronizedCollection((Collection) base);
      }
    }
  }

  /**
   * {@code List.of(...)} and {@code Stream.toList()}: the same JDK classes, but the latter may hold
   * nulls, which Kryo's own serializer rejects. A list without nulls is rebuilt by {@code List.of}
   * (same class), one with nulls by {@code Stream.toList}. (Telling the two apart when there is no
   * null would take a thrown NullPointerException per list, about a microsecond: a {@code
   * Stream.toList()} result without nulls therefore arrives as a {@code List.of} list, whose {@code
   * contains(null)} throws.)
   */
  private static final class ImmutableListSerializer extends Serializer<List<Object>> {
    ImmutableListSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, List<Object> list) {
      output.writeVarInt(list.size(), true);
      for (Object element : list) {
        kryo.writeClassAndObject(output, element);
      }
    }

    @Override
    public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type) {
      Object[] elements = new Object[input.readVarInt(true)];
      boolean hasNull = false;
      for (int i = 0; i < elements.length; i++) {
        elements[i] = kryo.readClassAndObject(input);
        hasNull |= elements[i] == null;
      }
      return hasNull ? Arrays.stream(elements).toList() : List.of(elements);
    }
  }

  /** JDK map entries (HashMap's nodes, {@code Map.entry}, AbstractMap's simple entries). */
  private static final class MapEntrySerializer extends Serializer<Map.Entry<Object, Object>> {
    private final Class<?> type;

    MapEntrySerializer(Class<?> type) {
      this.type = type;
    }

    @Override
    public void write(Kryo kryo, Output output, Map.Entry<Object, Object> entry) {
      kryo.writeClassAndObject(output, entry.getKey());
      kryo.writeClassAndObject(output, entry.getValue());
    }

    @Override
    public Map.Entry<Object, Object> read(
        Kryo kryo, Input input, Class<? extends Map.Entry<Object, Object>> t) {
      Object key = kryo.readClassAndObject(input);
      Object value = kryo.readClassAndObject(input);
      if (type == AbstractMap.SimpleEntry.class) {
        return new AbstractMap.SimpleEntry<>(key, value);
      }
      if (type == Map.entry(1, 1).getClass() && key != null && value != null) {
        return Map.entry(key, value);
      }
      return new AbstractMap.SimpleImmutableEntry<>(key, value);
    }
  }

  /**
   * EnumMap: its key type is private state; a non-empty map reveals it through its keys, an empty
   * one only through Java serialization (rare, small).
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class EnumMapSerializer extends Serializer<EnumMap> {
    @Override
    public void write(Kryo kryo, Output output, EnumMap map) {
      if (map.isEmpty()) {
        output.writeBoolean(false);
        JavaSerialization.write(output, map);
        return;
      }
      output.writeBoolean(true);
      Enum<?> first = (Enum<?>) map.keySet().iterator().next();
      kryo.writeClass(output, first.getDeclaringClass());
      output.writeVarInt(map.size(), true);
      for (Object o : map.entrySet()) {
        Map.Entry<Enum<?>, Object> e = (Map.Entry<Enum<?>, Object>) o;
        output.writeVarInt(e.getKey().ordinal(), true);
        kryo.writeClassAndObject(output, e.getValue());
      }
    }

    @Override
    public EnumMap read(Kryo kryo, Input input, Class<? extends EnumMap> type) {
      if (!input.readBoolean()) {
        return (EnumMap) JavaSerialization.read(kryo, input);
      }
      Class keyType = kryo.readClass(input).getType();
      Object[] constants = keyType.getEnumConstants();
      EnumMap map = new EnumMap(keyType);
      kryo.reference(map);
      int size = input.readVarInt(true);
      for (int i = 0; i < size; i++) {
        Enum key = (Enum) constants[input.readVarInt(true)];
        map.put(key, kryo.readClassAndObject(input));
      }
      return map;
    }
  }

  /** Paths of the default file system, as their string form. */
  private static final class PathSerializer extends Serializer<Path> {
    PathSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Path path) {
      if (path.getFileSystem() != FileSystems.getDefault()) {
        throw PickleFailure.refused(
            path.getClass(), "only paths of the default file system can be pickled");
      }
      output.writeString(path.toString());
    }

    @Override
    public Path read(Kryo kryo, Input input, Class<? extends Path> type) {
      return Path.of(input.readString());
    }
  }
}
