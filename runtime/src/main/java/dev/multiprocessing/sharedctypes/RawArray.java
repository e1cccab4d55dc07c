package dev.multiprocessing.sharedctypes;

import dev.multiprocessing.synchronize.impl.Ref;
import dev.multiprocessing.synchronize.impl.SyncHandle;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;

/**
 * Python's {@code RawArray}: a fixed number of shared elements, with no lock. It lives in the
 * process that created it; there reads and writes are direct, elsewhere each element or slice
 * access is one event-bus round trip. Each element or slice read or write is atomic by itself;
 * anything larger needs a lock ({@link SynchronizedArray}). If the creating process dies, every use
 * raises {@code ProcessError}.
 *
 * @param <T> the Java type of an element
 */
public final class RawArray<T> extends Shared<T> implements Array<T> {

  static {
    SyncHandle.register(RawArray.class, (ref, extra) -> new RawArray<>(ref, ((Layout) extra).type(), ((Layout) extra).length()));
  }

  @SuppressWarnings("unchecked")
  RawArray(Ref ref, CType<?> type, int length) {
    super(ref, (CType<T>) type, length);
  }

  @Override
  public int length() {
    return length;
  }

  private int index(int i) {
    int k = i < 0 ? i + length : i;
    if (k < 0 || k >= length) {
      throw new IndexOutOfBoundsException("invalid index " + i + " for an array of length " + length);
    }
    return k;
  }

  private int clamp(int i) {
    int k = i < 0 ? i + length : i;
    return Math.max(0, Math.min(length, k));
  }

  @Override
  public T get(int index) {
    return block(() -> getAsync(index), "get(index)", "getAsync(index)");
  }

  public Future<T> getAsync(int index) {
    return ref.read(index(index) * type.size(), type.size()).map(b -> decode(b).get(0));
  }

  @Override
  public void set(int index, T value) {
    block(() -> setAsync(index, value), "set(index, value)", "setAsync(index, value)");
  }

  public Future<Void> setAsync(int index, T value) {
    return ref.write(index(index) * type.size(), encode(List.of(value)));
  }

  @Override
  public List<T> slice(int from, int to) {
    return block(() -> sliceAsync(from, to), "slice(from, to)", "sliceAsync(from, to)");
  }

  public Future<List<T>> sliceAsync(int from, int to) {
    int a = clamp(from);
    int b = Math.max(a, clamp(to));
    return ref.read(a * type.size(), (b - a) * type.size()).map(this::decode);
  }

  @Override
  public void setSlice(int from, int to, List<? extends T> values) {
    block(() -> setSliceAsync(from, to, values), "setSlice(from, to, values)", "setSliceAsync(from, to, values)");
  }

  public Future<Void> setSliceAsync(int from, int to, List<? extends T> values) {
    int a = clamp(from);
    int b = Math.max(a, clamp(to));
    if (values.size() != b - a) {
      throw new IllegalArgumentException("can only assign a sequence of the same size (" + (b - a) + "), got " + values.size());
    }
    return ref.write(a * type.size(), encode(values));
  }

  @Override
  public List<T> toList() {
    return slice(0, length);
  }

  @Override
  public byte[] getRaw() {
    chars();
    return block(() -> ref.read(0, length), "getRaw()", "-");
  }

  @Override
  public void setRaw(byte[] value) {
    chars();
    if (value.length > length) {
      throw new IllegalArgumentException("byte string too long (" + value.length + " > " + length + ")");
    }
    block(() -> ref.write(0, value), "setRaw(value)", "-");
  }

  @Override
  public byte[] getValue() {
    byte[] raw = getRaw();
    int n = 0;
    while (n < raw.length && raw[n] != 0) {
      n++;
    }
    return Arrays.copyOf(raw, n);
  }

  @Override
  public void setValue(byte[] value) {
    setRaw(value.length < length ? Arrays.copyOf(value, value.length + 1) : value);
  }

  private void chars() {
    if (!Typecode.CHAR.equals(type)) {
      throw new IllegalStateException("value and raw exist only for arrays of typecode 'c' (this one is " + type.code() + ")");
    }
  }
}
