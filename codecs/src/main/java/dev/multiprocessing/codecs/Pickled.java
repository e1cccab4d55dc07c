package dev.multiprocessing.codecs;

import dev.multiprocessing.codecs.impl.Codec;
import java.util.Objects;

/**
 * An object already pickled at the sender, travelling on the event bus with {@link
 * KryoMessageCodec}.
 *
 * <p>{@link #of(Object)} serializes eagerly, in the caller's thread, so that an object that cannot
 * be pickled fails with {@link PicklingError} before anything is sent, and so that later changes
 * to the object do not affect what is sent. The receiver decodes lazily: {@link #get()}
 * deserializes on its first call (in the calling thread, never on the event loop unless called
 * there) and returns that same instance on later calls. Every delivery gets its own {@code
 * Pickled}, hence its own copy, even within one JVM.
 *
 * <p>Thread-safe: the bytes are never modified, and the decoded value is published safely.
 */
public final class Pickled {
  private static final Object UNDECODED = new Object();

  private final byte[] bytes;
  private volatile Object value = UNDECODED;

  private Pickled(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Pickles {@code obj} (may be null) now.
   *
   * @throws PicklingError if something in the graph cannot be pickled
   */
  public static Pickled of(Object obj) {
    return new Pickled(Pickler.dumps(obj));
  }

  /**
   * Wraps bytes produced by {@link Pickler#dumps(Object)} or {@link #bytes()}; they are not copied
   * and must not be modified afterwards.
   */
  public static Pickled ofBytes(byte[] bytes) {
    return new Pickled(Objects.requireNonNull(bytes, "bytes"));
  }

  /**
   * Returns the unpickled object: decoded on the first call, the same instance afterwards.
   *
   * @throws UnpicklingError if the bytes cannot be decoded on this JVM (not cached: a later call
   *     tries again)
   */
  public Object get() {
    Object v = value;
    if (v == UNDECODED) {
      synchronized (this) {
        v = value;
        if (v == UNDECODED) {
          v = Codec.loads(bytes, 0, bytes.length);
          value = v;
        }
      }
    }
    return v;
  }

  /**
   * Returns {@link #get()} as a {@code T}; primitive types mean their boxes.
   *
   * @throws ClassCastException if the object is not a {@code T}
   */
  @SuppressWarnings("unchecked")
  public <T> T get(Class<T> type) {
    Object v = get();
    Class<?> boxed = Codec.boxed(type);
    if (v != null && !boxed.isInstance(v)) {
      throw new ClassCastException(
          "pickled object is a " + v.getClass().getName() + ", not a " + type.getName());
    }
    return (T) v;
  }

  /** The pickled bytes, not copied: do not modify them. */
  public byte[] bytes() {
    return bytes;
  }

  /** The number of pickled bytes. */
  public int size() {
    return bytes.length;
  }

  @Override
  public String toString() {
    return "Pickled[" + bytes.length + " bytes]";
  }
}
