package dev.multiprocessing.codecs.impl;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import dev.multiprocessing.codecs.Shareable;

/**
 * Routes every {@link Shareable} and every {@link Throwable} class to one registration each, the
 * way Kryo routes every lambda class to its closure registration.
 *
 * <p>Why: the wire then carries a fixed registration id instead of the concrete class name, and
 * the serializer decides what to do with the real class. A shareable's class need not exist at the
 * receiver (only its handle's), and an exception whose class is missing at the receiver becomes a
 * {@link dev.multiprocessing.codecs.SubstituteException} instead of failing the whole message.
 * One instance per {@link MpKryo}; not thread-safe, like Kryo.
 */
final class MpClassResolver extends DefaultClassResolver {
  /** Capacity of per-message tables kept between messages (Kryo's initial capacity). */
  static final int SMALL_TABLE = 51;

  /** Stands for every Throwable class in the registration table; never instantiated. */
  static final class ThrowableMarker {
    private ThrowableMarker() {}
  }

  /** Stands for every Shareable class in the registration table; never instantiated. */
  static final class ShareableMarker {
    private ShareableMarker() {}
  }

  @Override
  @SuppressWarnings("rawtypes") // Kryo's signature
  public Registration registerImplicit(Class type) {
    Class<?> marker = null;
    if (Shareable.class.isAssignableFrom(type)) {
      marker = ShareableMarker.class;
    } else if (Throwable.class.isAssignableFrom(type)) {
      marker = ThrowableMarker.class;
    }
    if (marker != null) {
      Registration registration = classToRegistration.get(marker);
      if (registration != null) {
        classToRegistration.put(type, registration);
        return registration;
      }
    }
    return super.registerImplicit(type);
  }

  /**
   * Like Kryo's reset, but shrinks the per-message class-name tables back to their initial size
   * (Kryo keeps them up to 2048 entries and clears them all after every message).
   */
  @Override
  public void reset() {
    if (!kryo.isRegistrationRequired()) {
      if (classToNameId != null) {
        classToNameId.clear(SMALL_TABLE);
      }
      if (nameIdToClass != null) {
        nameIdToClass.clear(SMALL_TABLE);
      }
      nextNameId = 0;
    }
  }
}
