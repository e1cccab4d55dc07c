package dev.multiprocessing.codecs;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * The one Vert.x {@link MessageCodec} for every object that crosses JVMs: {@link Pickled} values,
 * named {@value #NAME}.
 *
 * <p>On the wire: an int length, then the pickled bytes. No Kryo work happens in the codec (hence
 * none on the event loop): the sender pickled in {@link Pickled#of(Object)}, the receiver
 * unpickles in {@link Pickled#get()}. For local delivery, {@link #transform(Pickled)} gives the
 * receiver a new {@code Pickled} over the same (immutable) bytes, so that a local receiver also
 * gets its own copy, as another process would.
 *
 * <p>Stateless, hence thread-safe. Call {@link #registerOn(Vertx)} on every Vert.x instance that
 * sends or receives {@code Pickled} values.
 */
public final class KryoMessageCodec implements MessageCodec<Pickled, Pickled> {
  /** The codec name. */
  public static final String NAME = "mp-kryo";

  /**
   * Registers a {@code KryoMessageCodec} as the default codec for {@link Pickled} on the event bus
   * of {@code vertx}. Idempotent: does nothing if a default codec for {@code Pickled} (or a codec
   * named {@value #NAME}) is already registered.
   */
  public static void registerOn(Vertx vertx) {
    synchronized (KryoMessageCodec.class) {
      try {
        vertx.eventBus().registerDefaultCodec(Pickled.class, new KryoMessageCodec());
      } catch (IllegalStateException alreadyRegistered) {
        // Vert.x refuses a second registration; a second call must be harmless.
      }
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, Pickled pickled) {
    byte[] bytes = pickled.bytes();
    buffer.appendInt(bytes.length);
    buffer.appendBytes(bytes);
  }

  @Override
  public Pickled decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    int start = pos + Integer.BYTES;
    return Pickled.ofBytes(buffer.getBytes(start, start + length));
  }

  @Override
  public Pickled transform(Pickled pickled) {
    return Pickled.ofBytes(pickled.bytes());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
