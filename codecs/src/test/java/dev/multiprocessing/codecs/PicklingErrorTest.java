package dev.multiprocessing.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PicklingErrorTest {
  /** Serializable, but holds a thread. */
  static final class Task implements Serializable {
    String name = "t";
    Object worker = new Thread(() -> {});
  }

  static final class Job implements Serializable {
    final List<Task> tasks = new ArrayList<>();
  }

  /** Neither Serializable nor a record. */
  static final class Plain {
    int x = 1;
  }

  record Holder(String label, Object content) {}

  interface SerializableRunnable extends Runnable, Serializable {}

  private static PicklingError failure(Object value) {
    return assertThrows(PicklingError.class, () -> Pickler.dumps(value));
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "'" + part + "' not in: " + message);
    }
  }

  @Test
  void dumps_thread_namesClassAtRoot() {
    assertEquals(
        "cannot pickle 'java.lang.Thread' object (path: root)",
        failure(new Thread(() -> {})).getMessage());
  }

  @Test
  void dumps_nonSerializableField_namesClassAndPath() {
    String message = failure(new Task()).getMessage();
    assertEquals(
        "cannot pickle 'java.lang.Thread' object (path: root -> "
            + Task.class.getName()
            + ".worker)",
        message);
  }

  @Test
  void dumps_deepGraph_pathGoesThroughFieldsListsMapsAndArrays() {
    Job job = new Job();
    job.tasks.add(new Task());
    job.tasks.get(0).worker = "fine";
    job.tasks.add(new Task());
    Map<String, Object> map = new HashMap<>();
    map.put("jobs", new Object[] {"x", job});
    String message = failure(new Holder("h", map)).getMessage();
    assertEquals(
        "cannot pickle 'java.lang.Thread' object (path: root -> "
            + Holder.class.getName()
            + ".content -> [\"jobs\"] -> [1] -> "
            + Job.class.getName()
            + ".tasks -> [1] -> "
            + Task.class.getName()
            + ".worker)",
        message);
  }

  @Test
  void dumps_socketStreamAndBareObject_fail() throws Exception {
    try (Socket socket = new Socket()) {
      assertContains(failure(List.of(socket)).getMessage(), "'java.net.Socket'", "root -> [0]");
    }
    assertContains(
        failure(new ByteArrayInputStream(new byte[1])).getMessage(),
        "'java.io.ByteArrayInputStream'");
    assertContains(failure(new Object()).getMessage(), "'java.lang.Object'");
  }

  @Test
  void dumps_userClassNeitherSerializableNorRecord_explains() {
    assertEquals(
        "cannot pickle '"
            + Plain.class.getName()
            + "' object: it is neither a record nor java.io.Serializable (path: root -> [0])",
        failure(new ArrayList<>(List.of(new Plain()))).getMessage());
  }

  @Test
  void dumps_nonSerializableLambda_explainsTheFix() {
    Runnable r = () -> {};
    String message = failure(r).getMessage();
    assertContains(
        message,
        "lambda implementing java.lang.Runnable is not serializable: "
            + "make its functional interface extend java.io.Serializable",
        "(path: root)");
  }

  @Test
  void dumps_serializableLambdaCapturingUnpicklable_namesCapturedValue() {
    Thread thread = new Thread(() -> {});
    SerializableRunnable r = () -> thread.setName("x");
    assertContains(failure(r).getMessage(), "'java.lang.Thread'", ".captured[0]");
  }

  /** Goes through Java serialization (it has a serialization hook). */
  static final class Legacy implements Serializable {
    final Object payload;

    Legacy(Object payload) {
      this.payload = payload;
    }

    private Object readResolve() {
      return this;
    }
  }

  @Test
  void dumps_unpicklableInsideJavaSerializedObject_namesClassAndPath() {
    assertEquals(
        "cannot pickle 'java.lang.Thread' object (path: root -> [0] -> "
            + Legacy.class.getName()
            + ".payload)",
        failure(List.of(new Legacy(new Thread(() -> {})))).getMessage());
  }

  static final class Link implements Serializable {
    Object next;
  }

  @Test
  void dumps_deepPath_isShortenedInTheMiddle() {
    Link head = new Link();
    Link link = head;
    for (int i = 0; i < 100; i++) {
      link.next = new Link();
      link = (Link) link.next;
    }
    link.next = new Thread(() -> {});
    String message = failure(head).getMessage();
    assertContains(message, "'java.lang.Thread'", " -> ... (80 more) -> ");
    assertTrue(message.length() < 2000, message);
  }

  @Test
  void dumps_tooDeepGraph_raisesPicklingError() {
    List<Object> deep = new ArrayList<>();
    List<Object> level = deep;
    for (int i = 0; i < 200_000; i++) {
      List<Object> next = new ArrayList<>();
      level.add(next);
      level = next;
    }
    PicklingError e = failure(deep);
    assertContains(e.getMessage(), "too deep");
    assertEquals(List.of(1), Pickler.copy(List.of(1)));
  }

  @Test
  void pickledOf_unpicklable_failsAtTheSender() {
    assertThrows(PicklingError.class, () -> Pickled.of(new Holder("x", new Object())));
  }

  @Test
  void pooledSerializers_keepWorkingAfterFailures() {
    for (int i = 0; i < 200; i++) {
      failure(new Holder("bad", new Task()));
      Holder good = new Holder("good " + i, List.of(i, "x"));
      assertEquals(good, Pickler.copy(good));
    }
  }
}
