package dev.multiprocessing.pool.impl;

import dev.multiprocessing.ProcessError;
import dev.multiprocessing.impl.Threads;
import dev.multiprocessing.pool.Fn;
import dev.multiprocessing.pool.Fn0;
import dev.multiprocessing.pool.PoolIterator;
import dev.multiprocessing.pool.WorkerDiedError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The heart of a pool, in the pool's JVM: a backlog of chunks, the workers, and which chunks each
 * worker holds.
 *
 * <p>Design. Python's pool has a task-handler thread, a shared task pipe and a result-handler
 * thread. Here any thread that changes the state (a submitting caller, the thread that receives
 * results, a worker's exit) runs {@link #pump} under this object's lock, which sends chunks straight
 * to the least-loaded ready worker: no extra hop, so {@code applyAsync(...).get()} costs one
 * round trip on the worker's pipe. Throughput comes from pipelining: each worker holds chunks
 * ahead, two messages' worth and about 12 ms of work at least (workers report in groups up to
 * 5 ms apart, and the time this JVM takes to answer them is hidden behind running chunks), and a
 * worker's share of the backlog travels in one message (up to 64 chunks). Only for fast chunks,
 * though: while a job's chunks take more than 5 ms in the worker (or while that is unknown: before
 * the first result of a function's first job), a worker holds one at a time, so that no chunk waits behind a long one while another worker is idle (Python's
 * workers pull from a shared queue and never have that problem). A job that is fast by its
 * function's earlier jobs ({@link RunTimes}) but has no result of its own yet goes up to four at a
 * time: the pipeline starts at once, and a wrong guess holds back at most three chunks per
 * worker. Each worker marks the chunk it is running in a {@link RunningMark} that outlives it:
 * when it dies, exactly that chunk fails (with its exit code) or, with retries on, runs again;
 * the other chunks it held
 * (including ones it had finished but not yet reported, which therefore run again) go back to
 * the backlog, and a replacement starts. User code never runs under the lock: lazy inputs
 * (imap) are read a bounded number of chunks ahead on a feeder thread, and sinks and callbacks run
 * after the lock is released.
 */
public final class Dispatcher {

  /** Python's pool states. */
  public enum State { RUN, CLOSE, TERMINATE }

  private static final AtomicLong JOB_IDS = new AtomicLong();
  private static final int MAX_BATCH = 64;
  private static final int EARLY_DEATHS_LIMIT = 3;
  /** Chunks per worker of a job that is fast only by its function's history: a wrong guess holds back at most these. */
  private static final int HISTORY_AHEAD = 4;

  private final Backend backend;
  private final String name;
  private final int processes;
  private final int maxTasks;
  private final int retries;
  private final int readAhead;
  private final ArrayDeque<Chunk> backlog = new ArrayDeque<>();
  private final List<Slot> slots = new ArrayList<>();
  private final Set<Job> jobs = new LinkedHashSet<>();
  private final Set<Job> feeding = new LinkedHashSet<>();
  private final RunTimes runTimes = new RunTimes();
  private final Promise<Void> allExited = Promise.promise();
  private final ExecutorService handler;
  private final ExecutorService feeder;
  private State state = State.RUN;
  private int nextIndex = 1;
  private int earlyDeaths;
  private ProcessError broken;

  /**
   * @param maxTasks tasks (chunks) per worker before it is replaced, 0 for no limit
   * @param retries how many times a chunk whose worker died runs again before it fails
   */
  public Dispatcher(Backend backend, String name, int processes, int maxTasks, int retries) {
    this.backend = backend;
    this.name = name;
    this.processes = processes;
    this.maxTasks = maxTasks;
    this.retries = retries;
    this.readAhead = Math.max(8, 2 * MAX_BATCH * processes);
    this.handler = Executors.newSingleThreadExecutor(r -> Threads.newDaemon(name + "-result-handler", r));
    this.feeder = Executors.newSingleThreadExecutor(r -> Threads.newDaemon(name + "-task-handler", r));
    backend.attach(this);
  }

  /** Starts the workers. */
  public synchronized void start(String workerName) {
    for (int i = 0; i < processes; i++) {
      startSlot(workerName);
    }
  }

  private String workerName;

  private void startSlot(String prefix) {
    workerName = prefix;
    int i = nextIndex++;
    Slot s = new Slot(i, prefix + "-" + i);
    slots.add(s);
    backend.start(s);
  }

  public int processes() {
    return processes;
  }

  public synchronized State state() {
    return state;
  }

  // ---------------------------------------------------------------- submission

  /** apply/applyAsync: one chunk of one item. */
  public <R> Future<R> apply(Fn0<R> f, Consumer<? super R> cb, Consumer<? super Throwable> ecb) {
    ResultPromise<R> rp = new ResultPromise<>(cb, ecb, handler);
    Fn<Object, Object> fn = x -> f.call();
    Job job = newJob(fn, new ApplySink<>(rp), 1, null, f.getClass());
    submit(job, List.of(new Chunk(job, 0, 0, Collections.singletonList(null))));
    return rp.future();
  }

  /** map/starmap and their async twins: the input is read now, cut into chunks. */
  @SuppressWarnings("unchecked")
  public <T, R> Future<List<R>> map(Fn<? super T, ? extends R> f, Iterable<? extends T> input, int chunksize,
      Consumer<? super List<R>> cb, Consumer<? super Throwable> ecb) {
    checkRunning();
    List<Object> items = copy(input);
    int n = items.size();
    int cs = chunksize > 0 ? chunksize : defaultChunksize(n);
    ResultPromise<List<R>> rp = new ResultPromise<>(cb, ecb, handler);
    MapSink<R> sink = new MapSink<>(rp, n);
    if (n > 0) {
      Job job = newJob((Fn<Object, Object>) (Fn<?, ?>) f, sink, cs, null, f.getClass());
      List<Chunk> chunks = new ArrayList<>((n + cs - 1) / cs);
      for (int start = 0, seq = 0; start < n; start += cs) {
        chunks.add(new Chunk(job, seq++, start, items.subList(start, Math.min(n, start + cs))));
      }
      submit(job, chunks);
    }
    return rp.future();
  }

  /** imap/imapUnordered: the input is read lazily, a bounded number of chunks ahead. */
  @SuppressWarnings("unchecked")
  public <T, R> PoolIterator<R> imap(Fn<? super T, ? extends R> f, Iterable<? extends T> input, int chunksize,
      boolean ordered) {
    if (chunksize < 1) {
      throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
    }
    IterSink<R> sink = new IterSink<>(ordered);
    Job job = newJob((Fn<Object, Object>) (Fn<?, ?>) f, sink, chunksize, input.iterator(), f.getClass());
    synchronized (this) {
      checkRunning();
      jobs.add(job);
      feeding.add(job);
    }
    feeder.execute(() -> feed(job));
    return sink;
  }

  /** The input as read now; a collection in one bulk copy (element by element was a hot spot). */
  private static List<Object> copy(Iterable<?> input) {
    if (input instanceof Collection<?> c) {
      return new ArrayList<>(c);
    }
    List<Object> items = new ArrayList<>();
    input.forEach(items::add);
    return items;
  }

  /** Python's default: ceil(n / (4 * processes)). */
  int defaultChunksize(int n) {
    int d = processes * 4;
    return Math.max(1, n / d + (n % d != 0 ? 1 : 0));
  }

  /** {@code code}: the user function's class, under which its run times are remembered. */
  private Job newJob(Fn<Object, Object> fn, Sink sink, int chunksize, Iterator<?> source, Class<?> code) {
    checkRunning();
    Job job = new Job(JOB_IDS.incrementAndGet(), fn, backend.pickle(fn), sink, chunksize, source, code);
    synchronized (this) {
      job.chunkNanos = runTimes.chunkNanos(code, chunksize);
    }
    return job;
  }

  private void submit(Job job, List<Chunk> chunks) {
    List<Runnable> after = new ArrayList<>();
    synchronized (this) {
      checkRunning();
      job.markRead(chunks.size());
      jobs.add(job);
      backlog.addAll(chunks);
      pump(after);
    }
    after.forEach(Runnable::run);
  }

  private synchronized void checkRunning() {
    if (broken != null) {
      throw new ProcessError(broken.getMessage(), broken);
    }
    if (state != State.RUN) {
      throw new IllegalStateException("Pool not running (" + state + ")");
    }
  }

  /** Reads a lazy input into the backlog while the job has fewer than {@code readAhead} chunks out. */
  private void feed(Job job) {
    while (true) {
      int want;
      synchronized (this) {
        want = readAhead - job.outstanding;
        if (want <= 0 || state == State.TERMINATE || job.inputDone() || broken != null) {
          feeding.remove(job);
          return;
        }
      }
      List<Chunk> read = job.read(Math.min(want, MAX_BATCH));
      List<Runnable> after = new ArrayList<>();
      synchronized (this) {
        for (Chunk c : read) {
          if (c instanceof Job.Broken b) {
            after.add(() -> job.sink.chunkFailed(c, b.error));
          } else {
            job.outstanding++;
            backlog.add(c);
          }
        }
        if (job.inputDone()) {
          int total = job.totalItems();
          after.add(0, () -> job.sink.inputEnded(total));
          feeding.remove(job);
          if (job.finished()) {
            jobs.remove(job);
          }
        }
        pump(after);
      }
      after.forEach(Runnable::run);
      if (job.inputDone()) {
        return;
      }
    }
  }

  // ---------------------------------------------------------------- dispatching

  /** Sends backlog chunks to the least-loaded ready workers, within their windows. Under the lock. */
  private void pump(List<Runnable> after) {
    if (state == State.TERMINATE || broken != null) {
      return;
    }
    List<Batch> sends = new ArrayList<>();
    while (!backlog.isEmpty()) {
      Slot s = null;
      int ready = 0;
      for (Slot x : slots) {
        if (x.accepts()) {
          ready++;
          if (s == null || x.held.size() < s.held.size()) {
            s = x;
          }
        }
      }
      if (s == null) {
        break;
      }
      Job job = backlog.peek().job;
      int cap = 1;
      int maxHeld = 1;
      boolean fast = !job.slow();
      if (fast && !job.measured()) {
        maxHeld = Math.min(HISTORY_AHEAD, job.aheadChunks()); // fast by its function's history
      } else if (fast) {
        cap = Math.max(1, Math.min(MAX_BATCH, backlog.size() / (4 * ready)));
        maxHeld = Math.max(2 * cap, job.aheadChunks());
      }
      int room = maxHeld - s.held.size();
      if (room < cap) {
        break;
      }
      int n = Math.min(Math.min(room, MAX_BATCH), Math.max(cap, fairShare(ready) - s.held.size()));
      Batch b = takeBatch(s, Math.min(n, maxTasks > 0 ? maxTasks - s.given : n), after);
      if (b != null) {
        sends.add(b);
      }
    }
    Chunk head = backlog.peek();
    for (Batch b : sends) {
      backend.deliver(b.slot, b.chunks, b.prepared, b.last, b.moreOfJobWaits(head));
    }
    scheduleFeeds();
    maybeStop();
  }

  /**
   * How many chunks each ready worker would hold if the backlog were spread evenly now. A worker's
   * share goes in one message: a worker that receives its chunks one message at a time wakes its
   * event loop between chunks, and while the other workers keep every core busy each such wake-up
   * waits for a time slice (a Pool(2) map of 8 chunks of 1 ms took 13-20 ms that way).
   */
  private int fairShare(int ready) {
    int total = backlog.size();
    for (Slot x : slots) {
      if (x.accepts()) {
        total += x.held.size();
      }
    }
    return (total + ready - 1) / ready;
  }

  /** Chunks taken from the backlog for one worker, sent once the pump has shared the backlog out. */
  private record Batch(Slot slot, List<Chunk> chunks, List<Object> prepared, boolean last) {
    /**
     * Whether chunks of this batch's job still wait after the pump (then the worker reports the
     * job's first result early). The backlog is in job order, taken from its head, so any chunk of
     * the job left behind is at the {@code head}.
     */
    boolean moreOfJobWaits(Chunk head) {
      Job job = chunks.get(chunks.size() - 1).job;
      return !job.inputDone() || head != null && head.job == job;
    }
  }

  private Batch takeBatch(Slot s, int n, List<Runnable> after) {
    List<Chunk> batch = new ArrayList<>(n);
    List<Object> prepared = new ArrayList<>(n);
    while (batch.size() < n && !backlog.isEmpty()) {
      Chunk c = backlog.poll();
      if (c.job.sink.settled()) {
        chunkOver(c);
        continue;
      }
      try {
        prepared.add(backend.prepare(c));
        batch.add(c);
      } catch (RuntimeException e) {
        chunkOver(c);
        after.add(() -> c.job.sink.chunkFailed(c, e));
      }
    }
    if (batch.isEmpty()) {
      return null;
    }
    s.given += batch.size();
    boolean last = maxTasks > 0 && s.given >= maxTasks;
    if (last) {
      s.stopSent = true;
    }
    s.held.addAll(batch);
    return new Batch(s, batch, prepared, last);
  }

  private void scheduleFeeds() {
    for (Job j : jobs) {
      if (!j.inputDone() && !feeding.contains(j) && j.outstanding < readAhead / 2) {
        feeding.add(j);
        feeder.execute(() -> feed(j));
      }
    }
  }

  /** A chunk left the system (done, failed or dropped). Under the lock. */
  private void chunkOver(Chunk c) {
    Job j = c.job;
    j.outstanding--;
    if (j.finished()) {
      jobs.remove(j);
    }
  }

  // ---------------------------------------------------------------- reports from backends

  /** A worker is ready for tasks. */
  void onReady(Slot s) {
    List<Runnable> after = new ArrayList<>();
    synchronized (this) {
      if (s.dead) {
        return;
      }
      s.ready = true;
      earlyDeaths = 0;
      if (s.stopSent && !s.killed) {
        backend.stop(s);
      }
      pump(after);
    }
    after.forEach(Runnable::run);
  }

  /**
   * A worker answered chunks {@code (jobs[i], seqs[i])}, which ran {@code runNanos[i]}: returns
   * them, with null for any that was given up already (its worker was declared dead).
   */
  Chunk[] completed(Slot s, long[] jobs, int[] seqs, long[] runNanos) {
    List<Runnable> after = new ArrayList<>();
    Chunk[] done = new Chunk[jobs.length];
    synchronized (this) {
      for (int i = 0; i < jobs.length; i++) {
        Chunk c = s.take(jobs[i], seqs[i]);
        if (c != null) {
          c.job.ran(runNanos[i]);
          runTimes.ran(c.job.code, c.items.size(), runNanos[i]);
          chunkOver(c);
          done[i] = c;
        }
      }
      pump(after);
    }
    after.forEach(Runnable::run);
    return done;
  }

  /** A worker's thread has ended, or a worker process whose running chunk is unknown. */
  void onExit(Slot s, int exitCode) {
    onExit(s, exitCode, null);
  }

  /**
   * A worker's process or thread has ended (with Python's exit code). {@code running} is the
   * {@code {job, seq}} of the chunk it was running ({@code seq} -1: none), or null if unknown: then
   * the oldest chunk it held is taken as the running one (it runs them in order).
   */
  void onExit(Slot s, int exitCode, long[] running) {
    List<Runnable> after = new ArrayList<>();
    boolean allGone;
    synchronized (this) {
      if (s.dead) {
        return;
      }
      s.dead = true;
      slots.remove(s);
      if (!s.ready && !s.stopSent && state == State.RUN) {
        earlyDeaths++;
      }
      giveUpHeld(s, exitCode, running, after);
      if (state != State.TERMINATE && earlyDeaths >= EARLY_DEATHS_LIMIT && broken == null) {
        breakPool(exitCode, after);
      } else if (broken == null && (state == State.RUN || (state == State.CLOSE && !jobs.isEmpty()))) {
        try {
          startSlot(workerName);
        } catch (RuntimeException e) {
          breakPool(exitCode, after);
        }
      }
      pump(after);
      allGone = state != State.RUN && slots.isEmpty() || broken != null && slots.isEmpty();
    }
    after.forEach(Runnable::run);
    if (allGone) {
      finishExit();
    }
  }

  /** The running chunk of a dead worker fails (or runs again); the others it held go back. */
  private void giveUpHeld(Slot s, int exitCode, long[] mark, List<Runnable> after) {
    Chunk running = mark == null ? s.held.poll() : s.take(mark[0], (int) mark[1]);
    for (Iterator<Chunk> it = s.held.descendingIterator(); it.hasNext(); ) {
      backlog.addFirst(it.next());
    }
    s.held.clear();
    if (running == null) {
      return;
    }
    if (state != State.TERMINATE && running.deaths++ < retries) {
      backlog.addFirst(running);
      return;
    }
    chunkOver(running);
    WorkerDiedError e = new WorkerDiedError("worker " + s.describe() + " died with exit code " + exitCode
        + " while running " + running, exitCode);
    after.add(() -> running.job.sink.chunkFailed(running, e));
  }

  /** Workers keep dying before their first task (a failing initializer): fail the work, stop restarting. */
  private void breakPool(int exitCode, List<Runnable> after) {
    broken = new ProcessError(earlyDeaths + " pool workers in a row exited (last exit code " + exitCode
        + ") before taking a task: see their stderr (does the initializer raise?)");
    failAll(broken, after);
  }

  private void failAll(Throwable error, List<Runnable> after) {
    List<Job> all = new ArrayList<>(jobs);
    jobs.clear();
    backlog.clear();
    for (Job j : all) {
      after.add(() -> j.sink.terminated(error));
    }
  }

  private void finishExit() {
    backend.closed();
    handler.shutdown();
    feeder.shutdown();
    allExited.tryComplete();
  }

  // ---------------------------------------------------------------- close, terminate, join

  /** In CLOSE with no work left: tells every worker to exit. Under the lock. */
  private void maybeStop() {
    if (state != State.CLOSE) {
      return;
    }
    backlog.removeIf(c -> {
      if (c.job.sink.settled()) {
        chunkOver(c);
        return true;
      }
      return false;
    });
    if (!jobs.isEmpty() || !backlog.isEmpty()) {
      return;
    }
    for (Slot s : slots) {
      if (!s.stopSent) {
        s.stopSent = true;
        if (s.ready) {
          backend.stop(s);
        }
      }
    }
  }

  /** Python's close(): no new tasks; the workers exit once the submitted ones are done. */
  public void close() {
    boolean allGone;
    synchronized (this) {
      if (state == State.RUN) {
        state = State.CLOSE;
      }
      maybeStop();
      allGone = slots.isEmpty();
    }
    if (allGone) {
      finishExit();
    }
  }

  /** Python's terminate(): ends the workers now; tasks not done fail with IllegalStateException. */
  public void terminate() {
    List<Runnable> after = new ArrayList<>();
    List<Slot> kill;
    synchronized (this) {
      if (state == State.TERMINATE) {
        return;
      }
      state = State.TERMINATE;
      failAll(new IllegalStateException("the pool was terminated before this task completed"), after);
      kill = new ArrayList<>(slots);
      for (Slot s : kill) {
        s.stopSent = true;
        s.killed = true;
      }
    }
    after.forEach(Runnable::run);
    kill.forEach(backend::kill);
    boolean allGone;
    synchronized (this) {
      allGone = slots.isEmpty();
    }
    if (allGone) {
      finishExit();
    }
  }

  /** Completes once every worker has exited, after close() or terminate(). */
  public Future<Void> joinAsync() {
    synchronized (this) {
      if (state == State.RUN && broken == null) {
        throw new IllegalStateException("Pool is still running: call close() or terminate() before join()");
      }
    }
    return allExited.future();
  }

  /** For toString and tests: the pids of the live workers (process pools). */
  public synchronized List<Long> workerPids() {
    List<Long> pids = new ArrayList<>();
    for (Slot s : slots) {
      if (s.pid != null) {
        pids.add(s.pid);
      }
    }
    return pids;
  }

  @Override
  public synchronized String toString() {
    return "<" + name + " state=" + state + " pool_size=" + processes + ">";
  }
}
