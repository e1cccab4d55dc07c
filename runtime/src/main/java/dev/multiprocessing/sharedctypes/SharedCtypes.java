package dev.multiprocessing.sharedctypes;

import dev.multiprocessing.synchronize.Acquirable;
import dev.multiprocessing.synchronize.RLock;
import dev.multiprocessing.synchronize.impl.DataState;
import dev.multiprocessing.synchronize.impl.LockState;
import dev.multiprocessing.synchronize.impl.Ref;
import dev.multiprocessing.synchronize.impl.SyncHandle;
import java.util.Collections;
import java.util.List;

/**
 * Python's {@code multiprocessing.sharedctypes}: {@code RawValue}, {@code RawArray},
 * {@code Value}, {@code Array}, {@code copy} and {@code synchronized} (here {@code synchronize}).
 * A type is a typecode string ({@code "i"}, {@code "d"}, {@code "c"}, see {@link Typecode}) or a
 * {@link CType} ({@link Typecode} constants, a {@link Structure}). With a typecode string, the
 * element type {@code T} is taken from the assignment ({@code SynchronizedValue<Double> v =
 * value("d", 0.0)}) and must be the Java type that {@link Typecode} lists for that code; initial
 * values may be any number (converted and truncated as ctypes does).
 *
 * <p>The data lives in the process that creates it and travels to other processes as a handle
 * (captured by a process target or sent through a pipe); all of them see the same data. The
 * {@code lock} argument is Python's: {@code true} (the default) wraps the data with a new
 * {@link RLock}, {@code false} returns the raw object, an {@link Acquirable} (a {@code Lock} or
 * {@code RLock}) wraps it with that lock.
 */
public final class SharedCtypes {

  private SharedCtypes() {}

  /** Python's {@code RawValue(typecode, value)}. */
  public static <T> RawValue<T> rawValue(String typecode, Object initial) {
    return rawValue(Typecode.<T>of(typecode), initial);
  }

  public static <T> RawValue<T> rawValue(CType<T> type, Object initial) {
    return new RawValue<>(Ref.create(new DataState().withData(bytes(type, List.of(initial)))), type);
  }

  /** Python's {@code RawArray(typecode, size)}: zeros. */
  public static <T> RawArray<T> rawArray(String typecode, int size) {
    return rawArray(Typecode.of(typecode), size);
  }

  public static <T> RawArray<T> rawArray(CType<T> type, int size) {
    if (size < 0) {
      throw new IllegalArgumentException("array size must be >= 0, got " + size);
    }
    return raw(type, new byte[size * type.size()], size);
  }

  /** Python's {@code RawArray(typecode, initializer)}. */
  public static <T> RawArray<T> rawArray(String typecode, List<?> initializer) {
    return rawArray(Typecode.<T>of(typecode), initializer);
  }

  public static <T> RawArray<T> rawArray(CType<T> type, List<?> initializer) {
    return raw(type, bytes(type, initializer), initializer.size());
  }

  /** Python's {@code RawArray('c', b'...')}. */
  public static RawArray<Byte> rawArray(String typecode, byte[] chars) {
    if (!"c".equals(typecode)) {
      throw new IllegalArgumentException("a bytes initializer needs typecode 'c', got '" + typecode + "'");
    }
    return raw(Typecode.CHAR, chars.clone(), chars.length);
  }

  private static <T> RawArray<T> raw(CType<T> type, byte[] data, int length) {
    return new RawArray<>(Ref.create(new DataState().withData(data)), type, length);
  }

  /** Python's {@code Value(typecode, value)}: synchronized by a new RLock. */
  public static <T> SynchronizedValue<T> value(String typecode, Object initial) {
    return value(Typecode.<T>of(typecode), initial);
  }

  public static <T> SynchronizedValue<T> value(CType<T> type, Object initial) {
    Ref ref = Ref.create(new LockState(true).withData(bytes(type, List.of(initial))));
    return new SynchronizedValue<>(new RawValue<>(ref, type), SyncHandle.wrap(RLock.class, ref, null));
  }

  /** Python's {@code Value(typecode, value, lock=False|True)}. */
  public static <T> Value<T> value(String typecode, Object initial, boolean lock) {
    return value(Typecode.<T>of(typecode), initial, lock);
  }

  public static <T> Value<T> value(CType<T> type, Object initial, boolean lock) {
    return lock ? value(type, initial) : rawValue(type, initial);
  }

  /** Python's {@code Value(typecode, value, lock=lock)}. */
  public static <T> SynchronizedValue<T> value(String typecode, Object initial, Acquirable lock) {
    return value(Typecode.<T>of(typecode), initial, lock);
  }

  public static <T> SynchronizedValue<T> value(CType<T> type, Object initial, Acquirable lock) {
    return synchronize(rawValue(type, initial), lock);
  }

  /** Python's {@code Array(typecode, size)}: zeros, synchronized by a new RLock. */
  public static <T> SynchronizedArray<T> array(String typecode, int size) {
    return array(Typecode.<T>of(typecode), Collections.nCopies(size, null), true, null);
  }

  /** Python's {@code Array(typecode, initializer)}. */
  public static <T> SynchronizedArray<T> array(String typecode, List<?> initializer) {
    return array(Typecode.<T>of(typecode), initializer, true, null);
  }

  /** Python's {@code Array(typecode_or_type, initializer, lock=lock)} ({@code lock} a Lock or RLock). */
  public static <T> SynchronizedArray<T> array(CType<T> type, List<?> initializer, Acquirable lock) {
    return array(type, initializer, true, lock);
  }

  /** Python's {@code Array('c', b'...', lock=lock)}. */
  public static SynchronizedArray<Byte> array(String typecode, byte[] chars, Acquirable lock) {
    return synchronize(rawArray(typecode, chars), lock);
  }

  /** Python's {@code Array(typecode_or_type, initializer, lock=False|True)}. */
  public static <T> Array<T> array(CType<T> type, List<?> initializer, boolean lock) {
    return lock ? array(type, initializer, true, null) : rawArray(type, initializer);
  }

  private static <T> SynchronizedArray<T> array(CType<T> type, List<?> init, boolean lock, Acquirable with) {
    if (with != null) {
      return synchronize(rawArray(type, init), with);
    }
    Ref ref = Ref.create(new LockState(true).withData(bytes(type, init)));
    return new SynchronizedArray<>(new RawArray<>(ref, type, init.size()), SyncHandle.wrap(RLock.class, ref, null));
  }

  /** Python's {@code sharedctypes.copy(obj)}: a new raw value in this process with the same contents. */
  public static <T> RawValue<T> copy(RawValue<T> obj) {
    return rawValue(obj.type, obj.getValue());
  }

  /** Python's {@code sharedctypes.copy(obj)} for an array. */
  public static <T> RawArray<T> copy(RawArray<T> obj) {
    return rawArray(obj.type, obj.toList());
  }

  /** Python's {@code sharedctypes.synchronized(obj)}: wrapped with a new RLock. */
  public static <T> SynchronizedValue<T> synchronize(RawValue<T> obj) {
    return synchronize(obj, new RLock());
  }

  public static <T> SynchronizedValue<T> synchronize(RawValue<T> obj, Acquirable lock) {
    return new SynchronizedValue<>(obj, lock == null ? new RLock() : lock);
  }

  /** Python's {@code sharedctypes.synchronized(obj)} for an array. */
  public static <T> SynchronizedArray<T> synchronize(RawArray<T> obj) {
    return synchronize(obj, new RLock());
  }

  public static <T> SynchronizedArray<T> synchronize(RawArray<T> obj, Acquirable lock) {
    return new SynchronizedArray<>(obj, lock == null ? new RLock() : lock);
  }

  /** The bytes of {@code values}; a null element is zero (Python's default). */
  private static byte[] bytes(CType<?> type, List<?> values) {
    byte[] b = new byte[values.size() * type.size()];
    var buf = Shared.wrap(b);
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) != null) {
        type.put(buf, i * type.size(), values.get(i));
      }
    }
    return b;
  }
}
