package dev.multiprocessing.codecs.impl;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.multiprocessing.codecs.UnpicklingError;
import java.util.Objects;

/**
 * The implementation behind {@link dev.multiprocessing.codecs.Pickler}: a pool of configured
 * Kryo instances with their buffers.
 *
 * <p>Thread-safe: each call takes a context from a thread-safe, bounded {@link ContextPool} and
 * gives it back when done; a context is used by one thread at a time. The pool keeps at most two
 * contexts per core (extra ones are dropped when given back), with output buffers trimmed to 1
 * MiB, so its memory is bounded without soft references (which cost the garbage collector work on
 * every give-back). Calls may nest (a serializer that pickles something on the side
 * takes a second context). A context that saw a failure is dropped instead of given back: Kryo
 * leaves some internal state (its generic-type stacks) unbalanced when a write or read throws
 * half-way, and a fresh instance is cheaper than trusting it.
 */
public final class Codec {
  /** Output buffers beyond this size are not kept in the pool (a 64 MiB message must not pin). */
  private static final int KEEP_BUFFER_BYTES = 1 << 20;
  private static final int INITIAL_BUFFER_BYTES = 4096;
  private static final byte[] NO_BYTES = new byte[0];

  private static final ContextPool<Context> POOL =
      new ContextPool<>(ContextPool.defaultSlots(), Context::new);

  private Codec() {}

  /** A Kryo and its buffers; used by one thread at a time. */
  private static final class Context {
    final MpKryo kryo = new MpKryo();
    final Output output = new Output(INITIAL_BUFFER_BYTES, -1);
    final Input input = new Input();

    void recycle() {
      if (output.getBuffer().length > KEEP_BUFFER_BYTES) {
        output.setBuffer(new byte[INITIAL_BUFFER_BYTES], -1);
      }
      input.setBuffer(NO_BYTES); // do not keep the caller's array reachable
    }
  }

  /** {@link dev.multiprocessing.codecs.Pickler#dumps(Object)}; fails with a PicklingError. */
  public static byte[] dumps(Object obj) {
    try {
      return dumpsOrFail(obj);
    } catch (PickleFailure f) {
      throw f.toError();
    }
  }

  /** Like {@link #dumps} but fails with the internal {@link PickleFailure}, for nesting. */
  static byte[] dumpsOrFail(Object obj) {
    Context c = POOL.obtain();
    boolean healthy = false;
    try {
      c.output.reset();
      c.kryo.writeClassAndObject(c.output, obj);
      byte[] bytes = c.output.toBytes();
      healthy = true;
      return bytes;
    } catch (StackOverflowError e) {
      throw PickleFailure.refused(
          String.valueOf(obj == null ? null : obj.getClass().getName()),
          "the object graph is too deep (stack overflow)",
          e);
    } finally {
      if (healthy) {
        c.recycle();
        POOL.free(c);
      }
    }
  }

  /** True if {@code obj} can be pickled; the bytes are thrown away. */
  static boolean isPicklable(Object obj) {
    try {
      dumpsOrFail(obj);
      return true;
    } catch (PickleFailure e) {
      return false;
    }
  }

  /** {@link dev.multiprocessing.codecs.Pickler#loads(byte[], int, int)}. */
  public static Object loads(byte[] data, int offset, int length) {
    Objects.requireNonNull(data, "data");
    Objects.checkFromIndexSize(offset, length, data.length);
    Context c = POOL.obtain();
    boolean healthy = false;
    try {
      c.input.setBuffer(data, offset, length);
      Object obj = c.kryo.readClassAndObject(c.input);
      healthy = true;
      return obj;
    } catch (UnpicklingError e) {
      throw e; // from a nested loads (an embedded pickle): already explained
    } catch (RuntimeException | StackOverflowError e) {
      throw Unpickling.error(e);
    } finally {
      if (healthy) {
        c.recycle();
        POOL.free(c);
      }
    }
  }

  /** The box of a primitive type, or the type itself. */
  public static Class<?> boxed(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) return Integer.class;
    if (type == long.class) return Long.class;
    if (type == double.class) return Double.class;
    if (type == boolean.class) return Boolean.class;
    if (type == byte.class) return Byte.class;
    if (type == char.class) return Character.class;
    if (type == short.class) return Short.class;
    if (type == float.class) return Float.class;
    return Void.class;
  }

  /** Explains unpickling failures; stateless. */
  private static final class Unpickling {
    static UnpicklingError error(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ClassNotFoundException) {
          return new UnpicklingError(
              "cannot unpickle: class '" + t.getMessage() + "' is not available on this JVM"
                  + " (both sides must have the same class path)",
              e);
        }
        if (t instanceof UnpicklingError) {
          return (UnpicklingError) t;
        }
      }
      if (e instanceof StackOverflowError) {
        return new UnpicklingError("cannot unpickle: the object graph is too deep", e);
      }
      return new UnpicklingError("cannot unpickle: " + e.getMessage(), e);
    }
  }
}
