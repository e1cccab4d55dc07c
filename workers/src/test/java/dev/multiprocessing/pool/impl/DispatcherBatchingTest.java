package dev.multiprocessing.pool.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multiprocessing.pool.Fn;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the dispatcher cuts its backlog into messages, against a backend that only records what it
 * is handed: each worker's share of a fast job goes in one message, and a worker is asked to
 * report a job's first result early only while more of that job waits in the pool.
 */
class DispatcherBatchingTest {

  /** One {@code deliver} call: which worker, how many chunks, the report-early flag. */
  private record Sent(Slot slot, List<Chunk> chunks, boolean reportEarly) {}

  private final List<Sent> sent = new ArrayList<>();
  private final Fn<Integer, Integer> identity = x -> x;
  private Dispatcher dispatcher;

  @BeforeEach
  void startTwoWorkers() {
    dispatcher = new Dispatcher(new RecordingBackend(), "test-pool", 2, 0, 0);
    dispatcher.start("test-worker");
  }

  @Test
  void map_measuredFastJob_eachWorkerGetsItsShareInOneMessage() {
    dispatcher.map(identity, range(8), 1, null, null);
    assertEquals(List.of(1, 1), sizes(), "a function never seen before goes one chunk per worker");
    completeAll(100_000);
    // The first worker to report takes its share of the seven chunks still out (four), in one
    // message; the second, which held one of them, then takes the last two.
    assertEquals(List.of(4, 2), sizes());
    assertEquals(List.of(false, false), flags(), "nothing of the job is left to size");
  }

  @Test
  void map_fastByHistory_sharesGoInOneMessageWithoutEarlyReport() {
    runFastJobOnce();
    dispatcher.map(identity, range(8), 1, null, null);
    assertEquals(List.of(4, 4), sizes());
    assertEquals(List.of(false, false), flags());
  }

  @Test
  void map_fastByHistoryWithMoreThanTheWindow_asksForAnEarlyReport() {
    runFastJobOnce();
    dispatcher.map(identity, range(16), 1, null, null);
    assertEquals(List.of(4, 4), sizes(), "four chunks per worker until the job is measured");
    assertEquals(List.of(true, true), flags(), "eight chunks wait for the job's first results");
  }

  private void runFastJobOnce() {
    dispatcher.map(identity, range(2), 1, null, null);
    completeAll(100_000);
    sent.clear();
  }

  /** Completes every chunk handed out so far, as workers that ran each for {@code nanos}. */
  private void completeAll(long nanos) {
    List<Sent> batches = new ArrayList<>(sent);
    sent.clear();
    for (Sent s : batches) {
      int n = s.chunks.size();
      long[] jobs = new long[n];
      int[] seqs = new int[n];
      long[] runNanos = new long[n];
      for (int i = 0; i < n; i++) {
        jobs[i] = s.chunks.get(i).job.id;
        seqs[i] = s.chunks.get(i).seq;
        runNanos[i] = nanos;
      }
      dispatcher.completed(s.slot, jobs, seqs, runNanos);
    }
  }

  private List<Integer> sizes() {
    return sent.stream().map(s -> s.chunks.size()).collect(Collectors.toList());
  }

  private List<Boolean> flags() {
    return sent.stream().map(Sent::reportEarly).collect(Collectors.toList());
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  /** Workers that are ready at once and only record what they are handed. */
  private final class RecordingBackend implements Backend {
    private Dispatcher d;

    @Override
    public void attach(Dispatcher d) {
      this.d = d;
    }

    @Override
    public byte[] pickle(Object fn) {
      return null;
    }

    @Override
    public void start(Slot s) {
      d.onReady(s);
    }

    @Override
    public Object prepare(Chunk c) {
      return c.items;
    }

    @Override
    public void deliver(Slot s, List<Chunk> batch, List<Object> prepared, boolean last, boolean reportEarly) {
      sent.add(new Sent(s, List.copyOf(batch), reportEarly));
    }

    @Override
    public void stop(Slot s) {
      d.onExit(s, 0);
    }

    @Override
    public void kill(Slot s) {
      d.onExit(s, -9);
    }

    @Override
    public void closed() {}
  }
}
