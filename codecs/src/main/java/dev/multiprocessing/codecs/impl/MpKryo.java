package dev.multiprocessing.codecs.impl;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import dev.multiprocessing.codecs.Pickled;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The configured Kryo: references on, registration optional, objects without no-arg constructors
 * instantiated through Objenesis, and the pickling policy.
 *
 * <p>Policy (see {@link #getDefaultSerializer}): a class outside the JDK must be a record, an enum
 * or {@link Serializable} (or opt in through Kryo's own {@code KryoSerializable} / {@code
 * DefaultSerializer}), or be one of Vert.x's JSON and buffer types; a JDK class must be {@code
 * Serializable} or have a dedicated serializer.
 * Anything else gets a {@link RefusingSerializer}, so it fails when written. Every write method is
 * overridden only to catch failures on their way up and record the object being written, which
 * yields the path in the error message at no cost when nothing fails.
 *
 * <p>Registration ids are fixed here, in code, so every JVM with the same class path agrees on
 * them. Not thread-safe (like every Kryo): pooled by {@link Codec}, used by one thread at a time.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // Kryo's own signatures are raw
final class MpKryo extends Kryo {
  /** First id of our registrations; Kryo's own primitives and String take the ids below. */
  private static final int FIRST_ID = 20;

  /** First id of the common classes; append to their list only, never reorder it. */
  private static final int FIRST_COMMON_ID = 40;

  MpKryo() {
    super(new MpClassResolver(), new ValueAwareReferenceResolver());
    setRegistrationRequired(false);
    setWarnUnregisteredClasses(false);
    setReferences(true);
    setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));

    // JDK types Kryo knows but does not use by default; without them they would fall back to
    // Java serialization (slower, bigger).
    addDefaultSerializer(UUID.class, new DefaultSerializers.UUIDSerializer());
    addDefaultSerializer(URI.class, new DefaultSerializers.URISerializer());
    addDefaultSerializer(Pattern.class, new DefaultSerializers.PatternSerializer());
    addDefaultSerializer(AtomicBoolean.class, new DefaultSerializers.AtomicBooleanSerializer());
    addDefaultSerializer(AtomicInteger.class, new DefaultSerializers.AtomicIntegerSerializer());
    addDefaultSerializer(AtomicLong.class, new DefaultSerializers.AtomicLongSerializer());
    addDefaultSerializer(AtomicReference.class, new DefaultSerializers.AtomicReferenceSerializer());
    JdkSerializers.addDefaults(this);

    // Every lambda class is routed to Closure by Kryo; every Throwable and Shareable class to
    // its marker by MpClassResolver.
    register(ClosureSerializer.Closure.class, new LambdaSerializer(false), FIRST_ID);
    register(SerializedLambda.class, new LambdaSerializer(true), FIRST_ID + 1);
    register(MpClassResolver.ThrowableMarker.class, new ThrowableSerializer(), FIRST_ID + 2);
    register(MpClassResolver.ShareableMarker.class, new ShareableSerializer(), FIRST_ID + 3);
    register(Pickled.class, new PickledSerializer(), FIRST_ID + 4);
    // Common classes get an id so that their name is not written in every message. The id is
    // the position in the list, even when a class was already registered at an earlier position
    // (List.of() and List.of(1, 2, 3) share a JDK class), so that no id depends on how a JDK
    // version happens to implement its factories.
    List<Class<?>> common = commonClasses();
    for (int i = 0; i < common.size(); i++) {
      if (getClassResolver().getRegistration(common.get(i)) == null) {
        register(common.get(i), FIRST_COMMON_ID + i);
      }
    }
  }

  /**
   * Tracks references for every object except immutable values whose identity means nothing:
   * boxes and enums (as Kryo does) and strings, so that the common case pays no identity-hash and
   * map insertion per string. Two references to one string arrive as two equal strings.
   *
   * <p>Its tables shrink back to their initial size after a large graph: Kryo's default keeps up
   * to 4096 slots, which it then clears after every message, multiplying the cost of small
   * messages by several once one large message went through a pooled instance.
   */
  private static final class ValueAwareReferenceResolver extends MapReferenceResolver {
    ValueAwareReferenceResolver() {
      super(MpClassResolver.SMALL_TABLE);
    }

    @Override
    public boolean useReferences(Class type) {
      return type != String.class && super.useReferences(type);
    }
  }

  private static List<Class<?>> commonClasses() {
    return List.of(
        Object[].class,
        Class.class,
        byte[].class,
        int[].class,
        long[].class,
        double[].class,
        float[].class,
        boolean[].class,
        char[].class,
        short[].class,
        String[].class,
        ArrayList.class,
        LinkedList.class,
        HashMap.class,
        LinkedHashMap.class,
        HashSet.class,
        LinkedHashSet.class,
        TreeMap.class,
        TreeSet.class,
        ArrayDeque.class,
        ConcurrentHashMap.class,
        BigInteger.class,
        BigDecimal.class,
        UUID.class,
        Optional.class,
        Instant.class,
        Duration.class,
        LocalDate.class,
        LocalTime.class,
        LocalDateTime.class,
        List.of().getClass(),
        List.of(1).getClass(),
        Set.of().getClass(),
        Set.of(1).getClass(),
        Set.of(1, 2, 3).getClass(),
        Map.of().getClass(),
        Map.of(1, 2).getClass(),
        Map.of(1, 2, 3, 4).getClass(),
        Arrays.asList().getClass(),
        Collections.emptyList().getClass(),
        Collections.emptySet().getClass(),
        Collections.emptyMap().getClass(),
        Collections.singletonList(1).getClass(),
        Collections.singleton(1).getClass(),
        Collections.singletonMap(1, 1).getClass(),
        Collections.unmodifiableList(new ArrayList<>()).getClass(),
        Collections.unmodifiableSet(new HashSet<>()).getClass(),
        Collections.unmodifiableMap(new HashMap<>()).getClass());
  }

  /** The pickling policy, applied once per class (Kryo caches the result in its registration). */
  @Override
  public Serializer getDefaultSerializer(Class type) {
    if (type.isArray() || type.isPrimitive()) {
      return super.getDefaultSerializer(type);
    }
    if (!TypeRules.isJdk(type)) {
      Serializer<?> vertx = VertxSerializers.forType(type);
      if (vertx != null) {
        return vertx;
      }
      if (!Serializable.class.isAssignableFrom(type)
          && !type.isRecord()
          && !KryoSerializable.class.isAssignableFrom(type)
          && !type.isAnnotationPresent(DefaultSerializer.class)) {
        return new RefusingSerializer(type, "it is neither a record nor java.io.Serializable");
      }
      return super.getDefaultSerializer(type);
    }
    Serializer<?> special = JdkSerializers.forJdkType(type);
    if (special != null) {
      return special;
    }
    Serializer<?> serializer = super.getDefaultSerializer(type);
    Class<?> chosen = serializer.getClass();
    if ((chosen == CollectionSerializer.class || chosen == MapSerializer.class)
        && JdkSerializers.cannotBeRebuiltAsIs(type)) {
      // A view or wrapper (keySet(), subList(), unmodifiableList(), ...): Kryo's default would
      // instantiate it empty through Objenesis and then fail to fill it at the receiver.
      return JdkSerializers.copying(type);
    }
    return serializer;
  }

  /** Called when no dedicated serializer matched {@code type}. */
  @Override
  protected Serializer newDefaultSerializer(Class type) {
    if (!Serializable.class.isAssignableFrom(type)) {
      return new RefusingSerializer(type, null);
    }
    if (TypeRules.isJdk(type) || !TypeRules.fieldSerializerFits(type)) {
      // JDK internals cannot be reflected on without --add-opens, and classes with serialization
      // hooks expect them to run: Java serialization does both right.
      return new JavaSerializationSerializer();
    }
    return super.newDefaultSerializer(type);
  }

  // --- Failure paths: each override only adds the object being written to a failure. ---

  @Override
  public void writeClassAndObject(Output output, Object object) {
    try {
      super.writeClassAndObject(output, object);
    } catch (RuntimeException e) {
      throw PickleFailure.at(e, object);
    }
  }

  @Override
  public void writeObject(Output output, Object object) {
    try {
      super.writeObject(output, object);
    } catch (RuntimeException e) {
      throw PickleFailure.at(e, object);
    }
  }

  @Override
  public void writeObject(Output output, Object object, Serializer serializer) {
    try {
      super.writeObject(output, object, serializer);
    } catch (RuntimeException e) {
      throw PickleFailure.at(e, object);
    }
  }

  @Override
  public void writeObjectOrNull(Output output, Object object, Class type) {
    try {
      super.writeObjectOrNull(output, object, type);
    } catch (RuntimeException e) {
      throw PickleFailure.at(e, object);
    }
  }

  @Override
  public void writeObjectOrNull(Output output, Object object, Serializer serializer) {
    try {
      super.writeObjectOrNull(output, object, serializer);
    } catch (RuntimeException e) {
      throw PickleFailure.at(e, object);
    }
  }
}
