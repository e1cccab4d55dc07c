package dev.multiprocessing.codecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pickles cross a real JVM boundary: a child JVM with the same class path. */
class CrossJvmTest {
  interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}

  record Request(SerializableFunction<Integer, Integer> task, int argument, Throwable previous) {}

  record Reply(int value, Throwable error, Throwable previousSeen, Map<String, Object> extra) {}

  /** The child: loads a request, runs its lambda, replies with a result and an exception. */
  public static void main(String[] args) throws IOException {
    Request request = (Request) Pickler.loads(Files.readAllBytes(Path.of(args[0])));
    int value = request.task().apply(request.argument());
    Throwable error;
    try {
      Object nothing = null;
      nothing.hashCode();
      error = null;
    } catch (NullPointerException e) {
      error = new IllegalStateException("child failed", e);
    }
    Map<String, Object> extra = Map.of("pid", ProcessHandle.current().pid());
    Files.write(
        Path.of(args[1]), Pickler.dumps(new Reply(value, error, request.previous(), extra)));
  }

  @Test
  void childJvm_runsPickledLambda_andRepliesWithExceptionAndStackTrace(@TempDir Path dir)
      throws Exception {
    int base = 40;
    String label = "offset";
    SerializableFunction<Integer, Integer> task = x -> x + base + label.length() - 6;
    IllegalArgumentException previous = new IllegalArgumentException("parent side");
    Path in = dir.resolve("request.bin");
    Path out = dir.resolve("reply.bin");
    Files.write(in, Pickler.dumps(new Request(task, 2, previous)));

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrossJvmTest.class.getName(),
                in.toString(),
                out.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not finish");
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), output);

    Reply reply = (Reply) Pickler.loads(Files.readAllBytes(out));
    assertEquals(42, reply.value());
    assertTrue((Long) reply.extra().get("pid") != ProcessHandle.current().pid());
    IllegalStateException error = assertInstanceOf(IllegalStateException.class, reply.error());
    assertEquals("child failed", error.getMessage());
    NullPointerException cause = assertInstanceOf(NullPointerException.class, error.getCause());
    assertTrue(cause.getMessage().contains("nothing"), cause.getMessage());
    assertTrue(
        Arrays.stream(error.getStackTrace())
            .anyMatch(
                e -> e.getClassName().equals(CrossJvmTest.class.getName())
                    && e.getMethodName().equals("main")),
        "the child's frames travel with the exception");
    assertEquals(List.of(previous.getStackTrace()), List.of(reply.previousSeen().getStackTrace()));
    assertArrayEquals(previous.getStackTrace(), reply.previousSeen().getStackTrace());
  }
}
