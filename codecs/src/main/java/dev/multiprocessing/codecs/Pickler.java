package dev.multiprocessing.codecs;

import dev.multiprocessing.codecs.impl.Codec;

/**
 * Python's {@code pickle}: turns object graphs into bytes and back, the way every object that
 * crosses JVMs travels (process targets, arguments, messages, results, exceptions).
 *
 * <p>What can be pickled: primitives and their boxes, strings, enums, arrays of picklable
 * elements, records (whether or not they implement {@link java.io.Serializable}), classes that
 * implement {@code Serializable} (including serializable lambdas: a functional interface that
 * extends {@code Serializable}), the JDK's collections and maps (including {@code List.of},
 * unmodifiable and synchronized wrappers and views, which arrive as copies), {@code BigInteger},
 * {@code BigDecimal}, {@code java.time} values, {@code UUID}, {@code Optional}, {@code Path},
 * Vert.x's {@code JsonObject}, {@code JsonArray} and {@code Buffer}, any {@link Throwable} with its
 * stack trace, cause chain and suppressed exceptions (see {@link SubstituteException}), and {@link
 * Shareable} objects (which travel as their {@link Handle}). Anything else (a {@code Thread}, a
 * socket, a stream, a plain {@code Object}, a user class that is neither a record nor {@code
 * Serializable}, a non-serializable lambda) raises {@link PicklingError}, naming the class and
 * its path in the graph. Cycles and shared references survive.
 *
 * <p>Like pickle, unpickling instantiates whatever classes the bytes name: only unpickle bytes
 * from trusted peers (the processes of your own cluster). Both sides are assumed to have the same
 * class path.
 *
 * <p>Thread-safe: the serializers are pooled, and a pooled serializer is used by one thread at a
 * time. All methods may be called from any thread, including from inside {@link Handle#resolve()}.
 */
public final class Pickler {
  private Pickler() {}

  /**
   * Serializes {@code obj} (may be null) and everything reachable from it.
   *
   * @throws PicklingError if something in the graph cannot be pickled
   */
  public static byte[] dumps(Object obj) {
    return Codec.dumps(obj);
  }

  /**
   * Rebuilds the object graph serialized in {@code data}.
   *
   * @throws UnpicklingError if a class is missing on this JVM, or the bytes are corrupt
   */
  public static Object loads(byte[] data) {
    return Codec.loads(data, 0, data.length);
  }

  /**
   * Rebuilds the object graph serialized in {@code data[offset, offset + length)}.
   *
   * @throws UnpicklingError if a class is missing on this JVM, or the bytes are corrupt
   * @throws IndexOutOfBoundsException if the range is not inside {@code data}
   */
  public static Object loads(byte[] data, int offset, int length) {
    return Codec.loads(data, offset, length);
  }

  /**
   * Returns a deep copy of {@code obj} as another process would receive it: {@code
   * loads(dumps(obj))}. {@link Shareable} objects are replaced by what their handle resolves to.
   *
   * @throws PicklingError if something in the graph cannot be pickled
   */
  @SuppressWarnings("unchecked")
  public static <T> T copy(T obj) {
    return (T) loads(dumps(obj));
  }
}
