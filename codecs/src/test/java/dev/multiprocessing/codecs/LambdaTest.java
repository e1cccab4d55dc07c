package dev.multiprocessing.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LambdaTest {
  interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}

  interface SerializableSupplier<T> extends Supplier<T>, Serializable {}

  interface SerializableCallable<T> extends Callable<T>, Serializable {}

  interface SerializableBiFunction<A, B, R> extends BiFunction<A, B, R>, Serializable {}

  record Target(String name, SerializableCallable<String> callable, List<Object> args) {}

  private static String greet(String who, int times) {
    return ("hello " + who + " ").repeat(times).trim();
  }

  @Test
  void serializableLambda_capturingIntAndString_roundTripsAndRuns() throws Exception {
    int times = 2;
    String who = "world";
    SerializableCallable<String> task = () -> greet(who, times);
    SerializableCallable<String> copy = Pickler.copy(task);
    assertNotSame(task, copy);
    assertEquals("hello world hello world", copy.call());
  }

  @Test
  void serializableLambda_insideRecord_roundTripsAndRuns() throws Exception {
    List<Object> log = new ArrayList<>();
    log.add("x");
    Target target = new Target("t", () -> "ran with " + log, List.of(1, 2));
    Target copy = Pickler.copy(target);
    assertEquals("ran with [x]", copy.callable().call());
  }

  @Test
  void methodReferences_roundTrip() {
    SerializableFunction<String, Integer> length = String::length;
    assertEquals(5, Pickler.copy(length).apply("hello"));
    SerializableBiFunction<String, Integer, String> greet = LambdaTest::greet;
    assertEquals("hello a hello a", Pickler.copy(greet).apply("a", 2));
    StringBuilder sb = new StringBuilder("bound");
    SerializableSupplier<String> bound = sb::toString;
    assertEquals("bound", Pickler.copy(bound).get());
  }

  @Test
  void lambdaReturningLambda_roundTrips() {
    SerializableFunction<Integer, SerializableFunction<Integer, Integer>> adder = a -> b -> a + b;
    SerializableFunction<Integer, Integer> add3 = Pickler.copy(adder.apply(3));
    assertEquals(10, add3.apply(7));
  }

  @Test
  void jdkSerializableLambda_comparatorComparing_roundTrips() {
    Comparator<String> byLength =
        Comparator.comparing((SerializableFunction<String, Integer>) String::length);
    Comparator<String> copy = Pickler.copy(byLength);
    assertTrue(copy.compare("aa", "b") > 0);
    TreeMap<String, Integer> map = new TreeMap<>(byLength);
    map.put("ccc", 3);
    map.put("a", 1);
    TreeMap<String, Integer> mapCopy = Pickler.copy(map);
    mapCopy.put("bb", 2);
    assertEquals(List.of("a", "bb", "ccc"), new ArrayList<>(mapCopy.keySet()));
  }

  @Test
  void nonSerializableLambda_raisesPicklingErrorExplainingTheFix() {
    Runnable r = () -> {};
    PicklingError e = assertThrows(PicklingError.class, () -> Pickled.of(r));
    assertTrue(
        e.getMessage()
            .contains(
                "lambda implementing java.lang.Runnable is not serializable: make its functional"
                    + " interface extend java.io.Serializable"),
        e.getMessage());
  }
}
