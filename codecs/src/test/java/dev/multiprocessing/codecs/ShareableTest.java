package dev.multiprocessing.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShareableTest {
  static final Map<String, FakeQueue> REGISTRY = new ConcurrentHashMap<>();
  static final AtomicInteger RESOLVED = new AtomicInteger();

  /** Stands for a library queue: not serializable, holds a thread, travels as a handle. */
  static final class FakeQueue implements Shareable {
    final String name;
    final Thread pump = new Thread(() -> {});

    FakeQueue(String name) {
      this.name = name;
      REGISTRY.put(name, this);
    }

    @Override
    public Handle handle() {
      return new QueueHandle(name);
    }
  }

  record QueueHandle(String name) implements Handle {
    @Override
    public Object resolve() {
      RESOLVED.incrementAndGet();
      return REGISTRY.get(name);
    }
  }

  record Message(String text, FakeQueue replyTo, List<Object> more) {}

  /** A Serializable class with a serialization hook, so it goes through Java serialization. */
  static final class Legacy implements Serializable {
    final Object queue;

    Legacy(Object queue) {
      this.queue = queue;
    }

    private Object readResolve() {
      return this;
    }
  }

  /** Its handle cannot be pickled. */
  static final class BadShareable implements Shareable {
    @Override
    public Handle handle() {
      Thread t = new Thread(() -> {});
      return () -> t;
    }
  }

  @Test
  void shareable_isWrittenAsHandleAndReadAsResolvedObject() {
    FakeQueue queue = new FakeQueue("q1");
    Message copy = Pickler.copy(new Message("hi", queue, List.of(1, queue)));
    assertEquals("hi", copy.text());
    assertSame(queue, copy.replyTo());
    assertSame(queue, copy.more().get(1));
  }

  @Test
  void shareable_referencedTwice_isResolvedOnce() {
    FakeQueue queue = new FakeQueue("q2");
    int before = RESOLVED.get();
    Pickler.copy(List.of(queue, queue, queue));
    assertEquals(1, RESOLVED.get() - before);
  }

  @Test
  void shareable_atRoot_resolves() {
    FakeQueue queue = new FakeQueue("q3");
    assertSame(queue, Pickler.copy(queue));
    assertTrue(Pickler.dumps(queue).length < 100, "a handle, not the queue with its thread");
  }

  @Test
  void shareable_insideJavaSerializedObject_resolves() {
    FakeQueue queue = new FakeQueue("q4");
    Legacy copy = Pickler.copy(new Legacy(queue));
    assertSame(queue, copy.queue);
  }

  @Test
  void shareable_whoseHandleIsUnpicklable_fails() {
    PicklingError e = assertThrows(PicklingError.class, () -> Pickler.dumps(new BadShareable()));
    assertTrue(e.getMessage().contains("lambda"), e.getMessage());
  }
}
