package dev.multiprocessing.sharedctypes;

import dev.multiprocessing.synchronize.impl.Ref;
import dev.multiprocessing.synchronize.impl.SyncHandle;
import io.vertx.core.Future;
import java.util.List;

/**
 * Python's {@code RawValue}: one shared element, with no lock. It lives in the process that
 * created it; there reads and writes are direct, elsewhere each is one event-bus round trip. Each
 * read and each write is atomic by itself (a whole element, even a structure), but a
 * read-modify-write such as an increment is not: use a {@link SynchronizedValue} and hold its
 * lock. If the creating process dies, every use raises {@code ProcessError}.
 *
 * @param <T> the Java type of the value
 */
public final class RawValue<T> extends Shared<T> implements Value<T> {

  static {
    SyncHandle.register(RawValue.class, (ref, extra) -> new RawValue<>(ref, ((Layout) extra).type()));
  }

  @SuppressWarnings("unchecked")
  RawValue(Ref ref, CType<?> type) {
    super(ref, (CType<T>) type, 1);
  }

  @Override
  public T getValue() {
    return block(() -> getValueAsync(), "getValue()", "getValueAsync()");
  }

  public Future<T> getValueAsync() {
    return ref.read(0, type.size()).map(b -> decode(b).get(0));
  }

  @Override
  public void setValue(T value) {
    block(() -> setValueAsync(value), "setValue(value)", "setValueAsync(value)");
  }

  public Future<Void> setValueAsync(T value) {
    return ref.write(0, encode(List.of(value)));
  }
}
