package dev.multiprocessing.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multiprocessing.TimeoutError;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The rules of {@link Pool}, written once and run over a {@link ThreadPool} and over a process
 * pool. Cases that leave the pool usable share one pool of two workers; cases that close or
 * terminate their pool make their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class PoolContract {

  /** A pool of the backend under test. */
  abstract Pool newPool(PoolOptions options);

  Pool newPool(int processes) {
    return newPool(new PoolOptions().setProcesses(processes));
  }

  Pool shared;

  @BeforeAll
  void startShared() {
    shared = newPool(new PoolOptions().setProcesses(2).setInitializer(() -> Tasks.initialize("ready")));
  }

  /** Workers that must be gone once the pool has been terminated and joined (none for threads). */
  void assertGone(List<Long> workerPids) {
  }

  @AfterAll
  void endShared() throws Exception {
    shared.terminate();
    try {
      shared.joinAsync().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the shared pool's workers did not all exit within 60 s of terminate(): "
          + PoolDiagnostics.describe(shared), e);
    }
  }

  static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  @Test
  void map_returnsResultsInInputOrder() {
    assertEquals(List.of(1, 4, 9), shared.map(Tasks::sq, List.of(1, 2, 3)));
    List<Integer> expected = range(1000).stream().map(Tasks::sq).collect(Collectors.toList());
    assertEquals(expected, shared.map(Tasks::sq, range(1000)));
    assertEquals(expected, shared.map(Tasks::sq, range(1000), 7));
    assertEquals(expected, shared.map(Tasks::sq, range(1000), 1));
  }

  @Test
  void map_argumentsAndResultsLargerThanAPipeWindow_comeBackWhole() {
    // 6 MiB each: more than a pipe's 4 MiB window alone, and 18 MiB in one message with the
    // default chunk size (one chunk of three items per worker message).
    List<byte[]> inputs = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      byte[] b = new byte[6 << 20];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (i * 31 + k);
      }
      inputs.add(b);
    }
    for (int chunksize : new int[] {1, 3}) {
      List<byte[]> out = shared.map(Tasks::reversed, inputs, chunksize);
      assertEquals(inputs.size(), out.size());
      for (int k = 0; k < inputs.size(); k++) {
        assertTrue(Arrays.equals(Tasks.reversed(inputs.get(k)), out.get(k)), "item " + k + ", chunksize " + chunksize);
      }
    }
  }

  @Test
  void map_valuesOfEveryKind_comeBackEqual_inTheResultsMutableList() {
    // ints, longs and doubles travel as raw arrays (their extremes, NaN and -0.0 included);
    // mixed, null-holding and other lists travel pickled; a chunk may change the kind
    List<Object> ints = List.of(Integer.MIN_VALUE, -1, 0, 1, 127, 128, Integer.MAX_VALUE);
    List<Object> longs = List.of(Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE);
    List<Object> doubles = List.of(Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 1.5);
    List<Object> mixed = Arrays.asList(1, 2L, 3.0, "four", null, List.of(5));
    for (List<Object> in : List.of(ints, longs, doubles, mixed)) {
      assertEquals(in, shared.map(x -> x, in), "identity over " + in);
      assertEquals(in, shared.map(x -> x, in, 2), "identity over " + in + " in chunks of 2");
    }
    assertEquals(List.of(2L, 4L, 6L), shared.map((Integer x) -> 2L * x, List.of(1, 2, 3)));
    List<Integer> out = shared.map(Tasks::sq, range(10));
    out.set(0, -1);
    out.add(100);
    assertEquals(11, out.size(), "map's result is a list of the caller's own, as in Python");
  }

  @Test
  void emptyInput_givesEmptyResultAtOnce() {
    assertEquals(List.of(), shared.map(Tasks::sq, List.of()));
    AsyncResult<List<Integer>> r = shared.mapAsync(Tasks::sq, List.<Integer>of());
    assertTrue(r.ready());
    assertEquals(List.of(), r.get());
    assertFalse(shared.imap(Tasks::sq, List.<Integer>of()).hasNext());
    assertFalse(shared.imapUnordered(Tasks::sq, List.<Integer>of()).hasNext());
    assertEquals(List.of(), shared.starmap((Integer a, Integer b) -> a + b, List.<Args.Two<Integer, Integer>>of()));
  }

  @Test
  void map_defaultChunks_keepPythonsChunkSize_eachChunkInOneWorker() {
    // 100 items over 2 workers: Python's chunk size is ceil(100 / 8) = 13, items [13k, 13k+13) form a task
    List<String> where = shared.map(x -> Tasks.worker(), range(100));
    for (int start = 0; start < 100; start += 13) {
      for (int i = start; i < Math.min(100, start + 13); i++) {
        assertEquals(where.get(start), where.get(i), "item " + i + " runs with the rest of its chunk");
      }
    }
  }

  @Test
  void imap_inInputOrder_andNextWithTimeout() {
    PoolIterator<Integer> it = shared.imap(x -> Tasks.sleepThenReturn(x, x == 0 ? 1500 : 0), range(5));
    assertThrows(TimeoutError.class, () -> it.next(0.05));
    assertEquals(0, it.next(60));
    List<Integer> rest = new ArrayList<>();
    it.forEachRemaining(rest::add);
    assertEquals(List.of(1, 2, 3, 4), rest);
    assertThrows(NoSuchElementException.class, it::next);
  }

  @Test
  void imapUnordered_inCompletionOrder() throws Exception {
    java.nio.file.Path release = java.nio.file.Files.createTempFile("pool-release-", "");
    java.nio.file.Files.delete(release);
    String path = release.toString();
    try {
      // item 0 runs until the test has seen another result: it cannot be first
      PoolIterator<Integer> it = shared.imapUnordered(x -> x == 0 ? Tasks.whenFileExists(x, path) : x, range(6));
      List<Integer> seen = new ArrayList<>();
      seen.add(it.next());
      java.nio.file.Files.createFile(release);
      it.forEachRemaining(seen::add);
      assertNotEquals(0, seen.get(0));
      assertEquals(range(6), seen.stream().sorted().collect(Collectors.toList()));
    } finally {
      java.nio.file.Files.deleteIfExists(release);
    }
  }

  @Test
  void imap_chunked_andFailuresRaisedWhereTheyAre_iterationGoesOn() {
    PoolIterator<Double> it = shared.imap(Tasks::reciprocalOfXMinus5, range(10));
    int errors = 0;
    int values = 0;
    while (true) {
      try {
        it.next();
        values++;
      } catch (ArithmeticException e) {
        errors++;
        assertEquals(5, values, "the error comes at position 5");
      } catch (NoSuchElementException e) {
        break;
      }
    }
    assertEquals(1, errors);
    assertEquals(9, values);
    List<Integer> out = new ArrayList<>();
    shared.imap(Tasks::sq, range(100), 8).forEachRemaining(out::add);
    assertEquals(range(100).stream().map(Tasks::sq).collect(Collectors.toList()), out);
  }

  @Test
  void imap_largeInput_isReadAheadOnlyBoundedly() {
    AtomicInteger read = new AtomicInteger();
    Iterable<Integer> endless = () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return read.get() < 10_000_000;
      }

      @Override
      public Integer next() {
        return read.getAndIncrement();
      }
    };
    PoolIterator<Integer> it = shared.imap(Tasks::sq, endless, 10);
    for (int i = 0; i < 2000; i++) {
      assertEquals(i * i, it.next());
    }
    assertTrue(read.get() < 200_000, "imap read " + read.get() + " items of 10 million to produce 2000");
  }

  @Test
  void apply_exception_keepsTypeAndMessage_withTheWorkersTraceAsCause() {
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> shared.apply(() -> Tasks.reciprocalOfXMinus5(5)));
    assertEquals("division by zero at x=5", e.getMessage());
    assertInstanceOf(RemoteTraceback.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("reciprocalOfXMinus5"), e.getCause().getMessage());
    AsyncResult<Double> r = shared.applyAsync(() -> Tasks.reciprocalOfXMinus5(5));
    r.await();
    assertFalse(r.successful());
    assertEquals(0.25, shared.apply(() -> Tasks.reciprocalOfXMinus5(9)));
  }

  @Test
  void asyncResult_getTimeout_await_ready_successful_future() throws Exception {
    AsyncResult<Integer> r = shared.applyAsync(() -> Tasks.sleepThenReturn(7, 1000));
    assertThrows(IllegalStateException.class, r::successful);
    assertFalse(r.ready());
    assertThrows(TimeoutError.class, () -> r.get(0.05));
    assertFalse(r.await(0.05));
    CompletableFuture<Integer> viaFuture = new CompletableFuture<>();
    r.future().onSuccess(viaFuture::complete);
    assertEquals(7, r.get(60));
    assertTrue(r.await(0));
    assertTrue(r.ready());
    assertTrue(r.successful());
    assertEquals(7, viaFuture.get(10, TimeUnit.SECONDS));
  }

  @Test
  void callbacks_runOnTheResultHandlerThread_andAThrowingCallbackNeverStopsThePool() throws Exception {
    CompletableFuture<String> ok = new CompletableFuture<>();
    CompletableFuture<Throwable> failed = new CompletableFuture<>();
    AsyncResult<Integer> a = shared.applyAsync(() -> Tasks.sq(6), v -> ok.complete(v + " on " + Thread.currentThread().getName()));
    assertEquals(36, a.get());
    assertTrue(ok.isDone(), "the callback has run when the result is ready");
    assertTrue(ok.get().startsWith("36 on ") && ok.get().contains("result-handler"), ok.get());
    shared.applyAsync(() -> Tasks.reciprocalOfXMinus5(5), null, failed::complete).await();
    assertInstanceOf(ArithmeticException.class, failed.get(10, TimeUnit.SECONDS));
    AsyncResult<List<Integer>> m = shared.mapAsync(Tasks::sq, range(10), 0, v -> {
      throw new IllegalStateException("a callback that raises");
    }, null);
    assertEquals(range(10).stream().map(Tasks::sq).collect(Collectors.toList()), m.get(60));
    AsyncResult<Integer> again = shared.applyAsync(() -> 1, v -> {
      throw new IllegalStateException("raising again");
    });
    assertEquals(1, again.get(60));
    assertEquals(List.of(1, 4), shared.map(Tasks::sq, List.of(1, 2)));
  }

  @Test
  void starmap_takesArgumentTuples() {
    assertEquals(List.of(3, 7), shared.starmap((Integer a, Integer b) -> a + b, List.of(Args.of(1, 2), Args.of(3, 4))));
    assertEquals(List.of("a1x", "b2y"),
        shared.starmap((String a, Integer b, String c) -> a + b + c, List.of(Args.of("a", 1, "x"), Args.of("b", 2, "y"))));
    assertEquals(List.of(10), shared.starmap((Integer a, Integer b, Integer c, Integer d) -> a + b + c + d,
        List.of(Args.of(1, 2, 3, 4))));
    assertEquals(List.of(2, 12), shared.starmapAsync((Integer a, Integer b) -> a * b,
        List.of(Args.of(1, 2), Args.of(3, 4))).get(60));
  }

  @Test
  void badArguments_raiseIllegalArgumentException() {
    assertThrows(IllegalArgumentException.class, () -> newPool(0));
    assertThrows(IllegalArgumentException.class, () -> newPool(-3));
    assertThrows(IllegalArgumentException.class, () -> shared.map(Tasks::sq, range(3), 0));
    assertThrows(IllegalArgumentException.class, () -> shared.imap(Tasks::sq, range(3), 0));
  }

  @Test
  void executorServiceView_runsCallablesInTheWorkers() throws Exception {
    ExecutorService ex = shared.asExecutorService();
    Future<Integer> f = ex.submit((Callable<Integer> & Serializable) () -> Tasks.sq(12));
    assertEquals(144, f.get(60, TimeUnit.SECONDS));
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int x = i;
      calls.add((Callable<Integer> & Serializable) () -> Tasks.sq(x));
    }
    List<Integer> out = new ArrayList<>();
    for (Future<Integer> r : ex.invokeAll(calls)) {
      out.add(r.get());
    }
    assertEquals(List.of(0, 1, 4, 9, 16), out);
    java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
        () -> ex.submit((Callable<Double> & Serializable) () -> Tasks.reciprocalOfXMinus5(5)).get(60, TimeUnit.SECONDS));
    assertInstanceOf(ArithmeticException.class, e.getCause());
  }

  @Test
  void initializer_ranInEachWorker_beforeItsTasks() {
    List<String> tags = shared.map(x -> Tasks.INIT.get(), range(20), 1);
    assertEquals(20, tags.stream().filter("ready"::equals).count(), tags.toString());
  }

  @Test
  void close_letsSubmittedTasksFinish_afterAFailedMap_andJoinReturns() {
    Pool p = newPool(1);
    assertThrows(IllegalStateException.class, p::join, "join before close raises");
    AsyncResult<List<Integer>> r = p.mapAsync(x -> Tasks.sleepThenReturn(x, 5), range(20), 1, null, null);
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> p.map(Tasks::reciprocalOfXMinus5, range(10)));
    assertEquals("division by zero at x=5", e.getMessage());
    p.close();
    p.join();
    assertEquals(range(20), r.get(0), "what was submitted before close() completed");
    assertThrows(IllegalStateException.class, () -> p.apply(() -> 1));
    assertThrows(IllegalStateException.class, () -> p.map(Tasks::sq, range(3)));
    assertThrows(IllegalStateException.class, () -> p.imap(Tasks::sq, range(3)));
  }

  @Test
  void terminate_withThousandsPending_returnsPromptly_failsPendingResults_leavesNoWorker() {
    Pool p = newPool(1);
    assertEquals(1, p.apply(() -> 1));
    AsyncResult<List<Integer>> r = p.mapAsync(x -> Tasks.sleepThenReturn(x, 50), range(5000), 1, null, null);
    List<AsyncResult<Integer>> applies = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      int x = i;
      applies.add(p.applyAsync(() -> Tasks.sleepThenReturn(x, 50)));
    }
    List<Long> pids = p.workerPids();
    long t0 = System.nanoTime();
    p.terminate();
    p.join();
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%s: terminate + join with 7000 tasks pending: %.1f ms%n", p, seconds * 1e3);
    assertTrue(seconds < 10, "terminate + join took " + seconds + " s");
    assertThrows(IllegalStateException.class, r::get);
    assertThrows(IllegalStateException.class, () -> applies.get(1999).get());
    assertThrows(IllegalStateException.class, () -> p.applyAsync(() -> 1), "use after terminate raises");
    assertGone(pids);
  }

  @Test
  void tryWithResources_closesThePool_asTheExecutorViewsShutdownDoes() throws Exception {
    Pool kept;
    ExecutorService ex;
    Future<Integer> last;
    try (Pool p = newPool(1)) {
      kept = p;
      assertEquals(List.of(1, 4, 9), p.map(Tasks::sq, List.of(1, 2, 3)));
      ex = p.asExecutorService();
      last = ex.submit((Callable<Integer> & Serializable) () -> Tasks.sleepThenReturn(5, 200));
    }
    assertTrue(ex.isShutdown());
    assertThrows(IllegalStateException.class, () -> kept.apply(() -> 1));
    assertThrows(java.util.concurrent.RejectedExecutionException.class,
        () -> ex.submit((Callable<Integer> & Serializable) () -> 1));
    assertTrue(ex.awaitTermination(60, TimeUnit.SECONDS));
    assertTrue(ex.isTerminated());
    assertEquals(5, last.get(), "a task submitted before close() completes");
    kept.join();
  }

  @Test
  void manyAsyncApplies_allComplete() {
    Map<Integer, AsyncResult<Integer>> rs = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      int x = i;
      rs.put(i, shared.applyAsync(() -> Tasks.sq(x)));
    }
    rs.forEach((x, r) -> assertEquals(x * x, r.get(60)));
  }
}
