package dev.multiprocessing.codecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RoundTripTest {
  enum Color {
    RED,
    GREEN {
      @Override
      public String toString() {
        return "green!";
      }
    }
  }

  /** A record that does not implement Serializable: records are picklable regardless. */
  record Point(int x, int y, String label) {}

  record Shape(String name, List<Point> points, Color color, Map<String, Object> attributes) {}

  /** Serializable, no no-arg constructor, final fields. */
  static final class Account implements Serializable {
    final String owner;
    final long cents;
    final List<String> tags;

    Account(String owner, long cents, List<String> tags) {
      this.owner = owner;
      this.cents = cents;
      this.tags = tags;
    }
  }

  static final class Node implements Serializable {
    String name;
    Node next;
    List<Node> friends = new ArrayList<>();

    Node(String name) {
      this.name = name;
    }
  }

  /** A singleton kept unique through readResolve, which only Java serialization honours. */
  static final class Singleton implements Serializable {
    static final Singleton INSTANCE = new Singleton();

    private Singleton() {}

    private Object readResolve() {
      return INSTANCE;
    }
  }

  /** A class whose transient cache is rebuilt by readObject. */
  static final class Cached implements Serializable {
    final String text;
    transient int length;

    Cached(String text) {
      this.text = text;
      this.length = text.length();
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
      out.defaultWriteObject();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      length = text.length();
    }
  }

  private static <T> T roundTrip(T value) {
    return Pickler.copy(value);
  }

  private static void assertRoundTripEquals(Object value) {
    Object copy = roundTrip(value);
    assertEquals(value, copy, () -> "round trip of " + value.getClass().getName());
  }

  @Test
  void null_roundTrips() {
    assertNull(roundTrip(null));
  }

  @Test
  void primitivesBoxesAndStrings_roundTrip() {
    for (Object v :
        List.of(
            1, -7L, 3.5d, 2.5f, (short) 3, (byte) -1, 'x', true, "", "héllo wörld ✓", "a")) {
      assertRoundTripEquals(v);
    }
  }

  @Test
  void arrays_primitiveAndObject_roundTrip() {
    assertArrayEquals(new byte[] {1, 2, 3}, roundTrip(new byte[] {1, 2, 3}));
    assertArrayEquals(new int[] {1, -2}, roundTrip(new int[] {1, -2}));
    assertArrayEquals(new long[] {Long.MAX_VALUE}, roundTrip(new long[] {Long.MAX_VALUE}));
    assertArrayEquals(new double[] {0.5}, roundTrip(new double[] {0.5}));
    assertArrayEquals(new char[] {'a'}, roundTrip(new char[] {'a'}));
    assertArrayEquals(new boolean[] {true, false}, roundTrip(new boolean[] {true, false}));
    assertArrayEquals(new String[] {"a", null}, roundTrip(new String[] {"a", null}));
    Object[] mixed = {1, "two", new Point(3, 4, "p"), null, new int[] {5}};
    Object[] copy = roundTrip(mixed);
    assertEquals(mixed.length, copy.length);
    assertEquals(mixed[2], copy[2]);
    assertArrayEquals((int[]) mixed[4], (int[]) copy[4]);
    Point[][] grid = {{new Point(1, 1, "a")}, {}};
    Point[][] gridCopy = roundTrip(grid);
    assertSame(Point[][].class, gridCopy.getClass());
    assertEquals(grid[0][0], gridCopy[0][0]);
  }

  @Test
  void collectionsAndMaps_roundTripWithTheirClass() {
    List<Collection<Object>> collections =
        List.of(
            new ArrayList<>(List.of(1, "a")),
            new LinkedList<>(List.of(2, "b")),
            new HashSet<>(List.of(3, "c")),
            new LinkedHashSet<>(List.of("z", "y", "x")),
            new TreeSet<>(List.of("b", "a")),
            new ArrayDeque<>(List.of(4, 5)),
            new CopyOnWriteArrayList<>(List.of(6)));
    for (Collection<Object> c : collections) {
      Collection<Object> copy = roundTrip(c);
      assertSame(c.getClass(), copy.getClass());
      assertEquals(new ArrayList<>(c), new ArrayList<>(copy));
    }
    List<Map<Object, Object>> maps =
        List.of(
            new HashMap<>(Map.of(1, "a", "k", List.of(2))),
            new LinkedHashMap<>(Map.of("only", 1)),
            new TreeMap<>(Map.of("b", 2, "a", 1)),
            new ConcurrentHashMap<>(Map.of("c", 3)),
            new IdentityHashMap<>(Map.of("d", 4)));
    for (Map<Object, Object> m : maps) {
      Map<Object, Object> copy = roundTrip(m);
      assertSame(m.getClass(), copy.getClass());
      assertEquals(new HashMap<>(m), new HashMap<>(copy));
    }
    PriorityQueue<Integer> queue = new PriorityQueue<>(Comparator.reverseOrder());
    queue.addAll(List.of(1, 5, 3));
    PriorityQueue<Integer> queueCopy = roundTrip(queue);
    assertEquals(5, queueCopy.poll());

    TreeMap<String, Integer> reversed = new TreeMap<>(Comparator.reverseOrder());
    reversed.putAll(Map.of("a", 1, "b", 2));
    assertEquals(List.of("b", "a"), new ArrayList<>(roundTrip(reversed).keySet()));
  }

  @Test
  void enumCollections_roundTrip() {
    assertRoundTripEquals(EnumSet.of(Color.GREEN));
    assertRoundTripEquals(EnumSet.noneOf(Color.class));
    EnumMap<Color, String> map = new EnumMap<>(Color.class);
    map.put(Color.GREEN, "g");
    EnumMap<Color, String> copy = roundTrip(map);
    assertEquals(map, copy);
    assertInstanceOf(EnumMap.class, copy);
    EnumMap<Color, String> empty = roundTrip(new EnumMap<>(Color.class));
    empty.put(Color.RED, "r"); // the key type survived
    assertEquals(1, empty.size());
  }

  @Test
  void jdkImmutableCollections_roundTripUnmodifiable() {
    List<Object> values =
        List.of(
            List.of(),
            List.of(1),
            List.of(1, 2),
            List.of(1, 2, 3, 4, 5),
            List.copyOf(new ArrayList<>(List.of("x"))),
            Set.of(),
            Set.of("a"),
            Set.of("a", "b", "c"),
            Map.of(),
            Map.of("k", 1),
            Map.of("a", 1, "b", 2, "c", 3),
            Map.ofEntries(Map.entry("e", 5)),
            Stream.of(1, 2).collect(Collectors.toUnmodifiableList()),
            Collections.emptyList(),
            Collections.emptySet(),
            Collections.emptyMap(),
            Collections.singletonList("s"),
            Collections.singleton("s"),
            Collections.singletonMap("k", "v"),
            Arrays.asList("a", "b", null));
    for (Object v : values) {
      Object copy = roundTrip(v);
      assertEquals(v, copy, () -> "round trip of " + v.getClass().getName());
      assertSame(v.getClass(), copy.getClass(), () -> "class of " + v.getClass().getName());
    }
    // A sublist of an immutable list arrives as an immutable list (of another JDK class).
    List<Integer> sub = roundTrip(List.of(1, 2, 3, 4).subList(1, 3));
    assertEquals(List.of(2, 3), sub);
    assertThrows(UnsupportedOperationException.class, () -> sub.add(4));
    List<Object> list = roundTrip(List.of(1, 2, 3));
    assertThrows(UnsupportedOperationException.class, () -> list.add(4));
    assertThrows(NullPointerException.class, () -> list.contains(null));
  }

  @Test
  void streamToList_withNulls_roundTrips() {
    List<String> withNull = Stream.of("a", null, "c").toList();
    List<String> copy = roundTrip(withNull);
    assertEquals(withNull, copy);
    assertSame(withNull.getClass(), copy.getClass());
    assertTrue(copy.contains(null));
    assertThrows(UnsupportedOperationException.class, () -> copy.add("d"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void unmodifiableAndSynchronizedWrappers_roundTripStillWrapped() {
    List<Object> values =
        List.of(
            Collections.unmodifiableList(new ArrayList<>(List.of(1, 2))),
            Collections.unmodifiableList(new LinkedList<>(List.of(1, 2))),
            Collections.unmodifiableSet(new HashSet<>(Set.of("a"))),
            Collections.unmodifiableMap(new HashMap<>(Map.of("k", 1))),
            Collections.unmodifiableCollection(new ArrayList<>(List.of(1))),
            Collections.unmodifiableSortedSet(new TreeSet<>(Set.of("b", "a"))),
            Collections.unmodifiableNavigableMap(new TreeMap<>(Map.of("b", 2))),
            Collections.synchronizedList(new ArrayList<>(List.of(3))),
            Collections.synchronizedMap(new HashMap<>(Map.of("s", 1))),
            Collections.synchronizedSet(new HashSet<>(Set.of(9))));
    for (Object v : values) {
      Object copy = roundTrip(v);
      String what = v.getClass().getName();
      if (v instanceof Collection && !(v instanceof List) && !(v instanceof Set)) {
        assertEquals(new ArrayList<>((Collection<?>) v), new ArrayList<>((Collection<?>) copy));
      } else {
        assertEquals(v, copy, what);
      }
      if (what.contains("Unmodifiable")) {
        assertThrows(
            UnsupportedOperationException.class,
            () -> {
              if (copy instanceof Map) {
                ((Map<Object, Object>) copy).put("x", 1);
              } else {
                ((Collection<Object>) copy).add("x");
              }
            },
            what);
      } else {
        assertTrue(copy.getClass().getName().contains("Synchronized"), what);
      }
    }
    TreeSet<String> reversed = new TreeSet<>(Comparator.reverseOrder());
    reversed.addAll(List.of("a", "b"));
    assertEquals(
        List.of("b", "a"), new ArrayList<>(roundTrip(Collections.unmodifiableSortedSet(reversed))));
  }

  @Test
  void collectionViews_arriveAsEqualCopies() {
    Map<String, Integer> map = new HashMap<>(Map.of("a", 1, "b", 2));
    assertEquals(map.keySet(), roundTrip(map.keySet()));
    assertEquals(new ArrayList<>(map.values()), new ArrayList<>(roundTrip(map.values())));
    assertEquals(map.entrySet(), roundTrip(map.entrySet()));
    List<Integer> list = new ArrayList<>(List.of(1, 2, 3, 4));
    assertEquals(List.of(2, 3), roundTrip(list.subList(1, 3)));
    assertEquals(Collections.nCopies(3, "x"), roundTrip(Collections.nCopies(3, "x")));
    assertEquals(
        List.of(1), roundTrip(Collections.checkedList(new ArrayList<>(List.of(1)), Integer.class)));
    Set<String> fromMap = Collections.newSetFromMap(new ConcurrentHashMap<>());
    fromMap.add("q");
    assertEquals(fromMap, roundTrip(fromMap));
    TreeMap<String, Integer> tree = new TreeMap<>(Map.of("a", 1, "b", 2, "c", 3));
    assertEquals(tree.descendingMap(), roundTrip(tree.descendingMap()));
    assertEquals(tree.headMap("c"), roundTrip(tree.headMap("c")));
    assertEquals(Map.entry("k", 1), roundTrip(Map.entry("k", 1)));
    assertEquals(
        new AbstractMap.SimpleEntry<>("k", null), roundTrip(new AbstractMap.SimpleEntry<>("k", null)));
    assertEquals(ConcurrentHashMap.newKeySet(), roundTrip(ConcurrentHashMap.newKeySet()));
  }

  @Test
  void recordsAndEnums_roundTrip() {
    Shape shape =
        new Shape(
            "tri",
            List.of(new Point(0, 0, "o"), new Point(1, 0, null)),
            Color.GREEN,
            new HashMap<>(Map.of("filled", true, "ratio", 0.5)));
    assertRoundTripEquals(shape);
    assertSame(Color.GREEN, roundTrip(Color.GREEN));
    assertSame(Color.RED, roundTrip(Color.RED));
  }

  @Test
  void numbersTimeUuidOptional_roundTrip() {
    List<Object> values =
        List.of(
            new BigInteger("123456789012345678901234567890"),
            new BigDecimal("-1234.5678901234567890"),
            Instant.ofEpochSecond(1_700_000_000L, 123_456_789),
            Duration.ofMillis(1234),
            LocalDate.of(2024, 2, 29),
            LocalTime.of(23, 59, 1, 5),
            LocalDateTime.of(2024, 1, 1, 0, 0),
            ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Paris")),
            OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5)),
            ZoneId.of("America/New_York"),
            ZoneOffset.UTC,
            Period.ofDays(3),
            Year.of(2024),
            YearMonth.of(2024, 5),
            UUID.randomUUID(),
            Optional.of("x"),
            Optional.empty(),
            OptionalInt.of(3));
    for (Object v : values) {
      assertRoundTripEquals(v);
    }
  }

  @Test
  void otherJdkValues_roundTrip() {
    assertRoundTripEquals(Path.of("/tmp", "a b", "c.txt"));
    assertRoundTripEquals(URI.create("http://example.org/x?y=1"));
    assertRoundTripEquals(new File("/tmp/f.txt"));
    assertRoundTripEquals(Locale.CANADA_FRENCH);
    assertRoundTripEquals(Currency.getInstance("EUR"));
    assertRoundTripEquals(new Date(123456789L));
    assertRoundTripEquals(BitSet.valueOf(new long[] {5L}));
    assertRoundTripEquals(String.class);
    assertRoundTripEquals(int[].class);
    assertEquals("a+b", roundTrip(Pattern.compile("a+b")).pattern());
    assertTrue(roundTrip(Pattern.compile("a+b")).matcher("aab").matches());
    assertEquals(7, roundTrip(new AtomicInteger(7)).get());
    assertEquals(8L, roundTrip(new AtomicLong(8)).get());
    assertEquals(new Point(1, 2, "r"), roundTrip(new AtomicReference<>(new Point(1, 2, "r"))).get());
    assertEquals("sb", roundTrip(new StringBuilder("sb")).toString());
  }

  @Test
  void vertxJsonAndBuffer_roundTrip() {
    JsonObject json =
        new JsonObject()
            .put("name", "x")
            .put("n", 3)
            .put("nested", new JsonObject().put("list", new JsonArray().add(1).add("two")));
    assertEquals(json, roundTrip(json));
    assertEquals(new JsonArray().add(json).addNull(), roundTrip(new JsonArray().add(json).addNull()));
    assertEquals(Buffer.buffer("bytes"), roundTrip(Buffer.buffer("bytes")));
  }

  @Test
  void serializableClassWithoutNoArgConstructor_roundTrips() {
    Account account = new Account("ann", 12_345, List.of("vip"));
    Account copy = roundTrip(account);
    assertEquals("ann", copy.owner);
    assertEquals(12_345, copy.cents);
    assertEquals(List.of("vip"), copy.tags);
  }

  @Test
  void cyclesAndSharedReferences_survive() {
    Node a = new Node("a");
    Node b = new Node("b");
    a.next = b;
    b.next = a;
    a.friends.add(b);
    a.friends.add(a);
    Node copy = roundTrip(a);
    assertEquals("b", copy.next.name);
    assertSame(copy, copy.next.next);
    assertSame(copy.next, copy.friends.get(0));
    assertSame(copy, copy.friends.get(1));

    Point shared = new Point(1, 1, "shared");
    List<Point> twice = List.of(shared, shared);
    List<Point> twiceCopy = roundTrip(twice);
    assertSame(twiceCopy.get(0), twiceCopy.get(1));

    List<Object> selfContaining = new ArrayList<>();
    selfContaining.add(selfContaining);
    List<Object> selfCopy = roundTrip(selfContaining);
    assertSame(selfCopy, selfCopy.get(0));
  }

  @Test
  void javaSerializationHooks_areHonoured() {
    assertSame(Singleton.INSTANCE, roundTrip(Singleton.INSTANCE));
    Cached cached = roundTrip(new Cached("hello"));
    assertEquals(5, cached.length);
    record Holder(Singleton singleton, Cached cached) {}
    Holder holder = roundTrip(new Holder(Singleton.INSTANCE, new Cached("abc")));
    assertSame(Singleton.INSTANCE, holder.singleton());
    assertEquals(3, holder.cached().length);
  }

  @Test
  void nestedPickled_travelsAsBytes() {
    Pickled inner = Pickled.of(new Point(5, 6, "inner"));
    record Envelope(String to, Pickled payload) {}
    Envelope copy = roundTrip(new Envelope("x", inner));
    assertArrayEquals(inner.bytes(), copy.payload().bytes());
    assertEquals(new Point(5, 6, "inner"), copy.payload().get());
  }

  @Test
  void copy_isDeepAndIndependent() {
    List<List<String>> original = new ArrayList<>(List.of(new ArrayList<>(List.of("a"))));
    List<List<String>> copy = roundTrip(original);
    assertNotSame(original.get(0), copy.get(0));
    copy.get(0).add("b");
    assertEquals(List.of("a"), original.get(0));
  }
}
