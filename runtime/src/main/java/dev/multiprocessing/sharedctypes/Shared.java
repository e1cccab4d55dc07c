package dev.multiprocessing.sharedctypes;

import dev.multiprocessing.codecs.Handle;
import dev.multiprocessing.codecs.Shareable;
import dev.multiprocessing.impl.Blocking;
import dev.multiprocessing.synchronize.impl.Ref;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared bytes at a home (see {@code synchronize.impl.Home}), read and written whole or by range,
 * each access atomic; {@code length} elements of {@code type}. Travels as a handle.
 */
abstract class Shared<T> implements Shareable {

  final Ref ref;
  final CType<T> type;
  final int length;

  Shared(Ref ref, CType<T> type, int length) {
    this.ref = ref;
    this.type = type;
    this.length = length;
  }

  record Layout(CType<?> type, int length) implements java.io.Serializable {}

  @Override
  public Handle handle() {
    return ref.handle(getClass().getName(), new Layout(type, length));
  }

  static ByteBuffer wrap(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  byte[] encode(List<?> values) {
    byte[] b = new byte[values.size() * type.size()];
    ByteBuffer buf = wrap(b);
    for (int i = 0; i < values.size(); i++) {
      type.put(buf, i * type.size(), values.get(i));
    }
    return b;
  }

  List<T> decode(byte[] b) {
    ByteBuffer buf = wrap(b);
    List<T> out = new ArrayList<>(b.length / type.size());
    for (int off = 0; off < b.length; off += type.size()) {
      out.add(type.get(buf, off));
    }
    return out;
  }

  /** Runs the async twin and waits for it; on an event loop fails first, before doing anything. */
  <R> R block(java.util.function.Supplier<io.vertx.core.Future<R>> async, String call, String twin) {
    String name = getClass().getSimpleName() + "." + call;
    Blocking.checkMayBlock(name, twin);
    return Blocking.await(async.get(), name, twin);
  }

  @Override
  public String toString() {
    return "<" + getClass().getSimpleName() + " " + type.code() + (length == 1 ? "" : " * " + length) + ">";
  }
}
