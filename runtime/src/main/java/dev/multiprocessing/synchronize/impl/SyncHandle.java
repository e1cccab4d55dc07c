package dev.multiprocessing.synchronize.impl;

import dev.multiprocessing.codecs.Handle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A primitive in transit: its public class ({@code kind}), id, home node and whatever the public
 * object needs besides (a barrier's parties and action). Resolves to this JVM's object for it.
 */
public record SyncHandle(String kind, String id, String homeNode, Object extra) implements Handle {

  private static final Map<String, BiFunction<Ref, Object, Object>> FACTORIES = new ConcurrentHashMap<>();

  /** A public class says how to wrap a {@link Ref} (called from its static initializer). */
  public static void register(Class<?> kind, BiFunction<Ref, Object, Object> factory) {
    FACTORIES.put(kind.getName(), factory);
  }

  /** This JVM's public object of class {@code kind} over {@code ref}. */
  public static <T> T wrap(Class<T> kind, Ref ref, Object extra) {
    return kind.cast(new SyncHandle(kind.getName(), ref.id(), ref.homeNode(), extra).resolve());
  }

  @Override
  public Object resolve() {
    BiFunction<Ref, Object, Object> f = FACTORIES.get(kind);
    if (f == null) {
      try {
        Class.forName(kind, true, SyncHandle.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      f = FACTORIES.get(kind);
    }
    return f.apply(Ref.of(id, homeNode), extra);
  }
}
