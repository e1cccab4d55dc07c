package dev.multiprocessing.impl;

import dev.multiprocessing.codecs.Pickled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code forkserver} start method: a pool of warm child JVMs, already joined to the cluster,
 * each waiting to become one process. A warm JVM runs exactly one process and exits, so isolation
 * is the same as with {@code spawn}; only the JVM start and the cluster join are paid in advance.
 *
 * <p>The server lives in the JVM that first needs it on a host and answers at
 * {@code mp.forkserver.host.<host>} for the other JVMs of that host. It keeps {@code poolSize} warm
 * JVMs (system property {@code multiprocessing.forkserver.poolSize}, default 2) and launches a
 * replacement when one is taken: 250 ms later if others are still idle (a booting JVM takes both
 * cores of a small machine, and the process just handed out should start first), at once if a
 * start is waiting. As the OS parent of its JVMs it reports their exit status to
 * whoever took them.
 *
 * <p>Starts that wait come first: each gets a boot of its own at once, so that a {@code Pool(n)}
 * gets its n workers together, as Python's does, and boots that only keep JVMs warm (the pool
 * size, and what pools asked for) begin once no start waits. A boot is CPU-bound, so JVMs booting
 * side by side slow each other down: on 2 CPUs a fresh program's first {@code Pool(4)} launched six
 * JVMs at once, two of them for warmth only, and its first map took 9-10 s. A boot still running
 * after 20 s stops counting, so that a hung JVM does not hold back a start until it is killed (at
 * 120 s).
 *
 * <p>All state is touched on the runtime's event loop (handlers) or under this object's lock.
 */
public final class ForkServer {

  private static final long HELLO_TIMEOUT_MS = 120_000;
  /** A boot slower than this stops holding back the next one (a boot takes 1-3 s here). */
  private static final long BOOT_STALL_MS = 20_000;
  private static final long TAKE_TIMEOUT_MS = 180_000;
  private static final int MAX_FAILURES_IN_A_ROW = 3;
  private static final long REFILL_DELAY_MS = 250;

  private final MpRuntime rt;
  private final String helloAddress;
  private final int poolSize;
  private final Deque<Warm> idle = new ArrayDeque<>();
  private final Deque<Taker> waiting = new ArrayDeque<>();
  private final Map<Long, Warm> byPid = new ConcurrentHashMap<>();
  /** Launching a JVM (fork+exec) takes milliseconds: never on the caller's or an event-loop thread. */
  private final java.util.concurrent.ExecutorService launcher =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> Threads.newDaemon("mp-forkserver-launcher", r));
  private final Future<Void> registered;
  /** Boots under way that count: those not yet past {@link #BOOT_STALL_MS}. */
  private int starting;
  /** The most JVMs seen booting at once (diagnostics and tests). */
  private int peakBooting;
  /** At least this many idle warm JVMs, asked for by pools ({@link #keepWarm}); 0 until then. */
  private int keepWarm;
  private int failuresInARow;
  private boolean closed;

  /** A process waiting for a warm JVM. */
  private record Taker(String key, String ownerAddress, Promise<Messages.WarmJvm> promise) {}

  /** A warm JVM: its OS process and, once taken, who to report its exit to. */
  private static final class Warm {
    final java.lang.Process os;
    /** Until it is ready or gone; counted in {@link #starting} meanwhile unless {@link #stalled}. */
    boolean booting = true;
    boolean stalled;
    boolean exited;
    Messages.WarmJvm jvm;
    String key;
    String ownerAddress;

    Warm(java.lang.Process os) {
      this.os = os;
    }
  }

  ForkServer(MpRuntime rt) {
    this.rt = rt;
    this.helloAddress = "mp.forkserver." + rt.nodeId();
    this.poolSize = Math.max(1, Integer.getInteger("multiprocessing.forkserver.poolSize", 2));
    registered = Future.all(
        rt.vertx().eventBus().<Pickled>consumer(helloAddress, this::onHello).completion(),
        rt.vertx().eventBus().<Pickled>consumer(hostAddress(), this::onTake).completion()).mapEmpty();
    registered.onSuccess(x -> scheduleRefill());
  }

  /** The address that every JVM of this host asks for a warm JVM. */
  public static String hostAddress() {
    return "mp.forkserver.host." + HostName.get();
  }

  private void onHello(Message<Pickled> msg) {
    Messages.Hello hello = (Messages.Hello) msg.body().get();
    msg.reply(null);
    // One round trip now opens the connection to the warm JVM and caches its address, so the
    // spec sent at start() takes neither a cluster lookup nor a TCP handshake.
    rt.request(hello.address(), new Messages.Ping(), 30_000).onComplete(ar -> ready(hello, ar.succeeded()));
  }

  private void ready(Messages.Hello hello, boolean answered) {
    synchronized (this) {
      Warm w = byPid.get(hello.pid());
      if (w != null && !w.exited && !answered) {
        w.os.destroyForcibly(); // unreachable: its exit frees its boot slot, and a refill follows
      }
      if (w == null || w.exited || !answered || closed) {
        return;
      }
      settleBoot(w);
      w.jvm = new Messages.WarmJvm(hello.address(), hello.pid(), hello.nodeId());
      idle.addLast(w);
      dispatch();
    }
    scheduleRefill(); // boots for warmth begin once no start waits: this may be that moment
    rt.trainArchive();
  }

  private void onTake(Message<Pickled> msg) {
    Messages.TakeWarm take = (Messages.TakeWarm) msg.body().get();
    take(take.key(), take.ownerAddress()).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(Pickled.of(ar.result()));
      } else {
        msg.fail(500, ar.cause().getMessage());
      }
    });
  }

  /**
   * Hands out a warm JVM for process {@code key} of the JVM at {@code ownerAddress}; fails if
   * warm JVMs keep dying before they are ready (their stderr says why) or none is ready in time.
   */
  public Future<Messages.WarmJvm> take(String key, String ownerAddress) {
    return registered.compose(x -> takeNow(key, ownerAddress));
  }

  private Future<Messages.WarmJvm> takeNow(String key, String ownerAddress) {
    Promise<Messages.WarmJvm> p = Promise.promise();
    boolean satisfied;
    synchronized (this) {
      if (closed) {
        return Future.failedFuture(new IllegalStateException("the fork server is closed"));
      }
      failuresInARow = 0;
      waiting.addLast(new Taker(key, ownerAddress, p));
      dispatch();
      satisfied = waiting.isEmpty();
    }
    if (satisfied) {
      // A JVM booting takes both cores for a while: let the process just handed out start first.
      rt.vertx().setTimer(REFILL_DELAY_MS, t -> scheduleRefill());
    } else {
      scheduleRefill();
    }
    rt.vertx().setTimer(TAKE_TIMEOUT_MS, t -> p.tryFail(new dev.multiprocessing.ProcessError(
        "no warm JVM became ready within " + TAKE_TIMEOUT_MS / 1000 + " s")));
    return p.future();
  }

  private void dispatch() {
    while (!idle.isEmpty() && !waiting.isEmpty()) {
      Warm w = idle.pollFirst();
      if (!w.os.isAlive()) {
        continue;
      }
      Taker t = waiting.pollFirst();
      if (t.promise().future().isComplete()) {
        idle.addFirst(w);
        continue;
      }
      w.key = t.key();
      w.ownerAddress = t.ownerAddress();
      t.promise().complete(w.jvm);
    }
  }

  /** Runs {@link #refill} on the launcher thread, unless the server is closed. */
  private void scheduleRefill() {
    try {
      launcher.execute(this::refill);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed meanwhile: nothing to refill
    }
  }

  /** Takes {@code w} out of the count of booting JVMs (once). */
  private void settleBoot(Warm w) {
    if (w.booting) {
      w.booting = false;
      if (!w.stalled) {
        starting--;
      }
    }
  }

  /**
   * Launches warm JVMs: while takers wait, as many as they lack; once none waits, until the idle
   * and booting ones cover the pool size. Each boot that ends (ready or dead) calls this again. A
   * stalled boot counts for nothing: another starts beside it.
   */
  private synchronized void refill() {
    while (!closed && failuresInARow < MAX_FAILURES_IN_A_ROW && wantsBoot()) {
      starting++;
      peakBooting = Math.max(peakBooting, starting);
      ChildLauncher.Launch launch = new ChildLauncher.Launch("warm", helloAddress, "-", rt.childCluster());
      Warm[] holder = new Warm[1];
      java.lang.Process os;
      try {
        os = ChildLauncher.launch(launch, List.of(), status -> exited(holder[0], status));
      } catch (RuntimeException e) {
        starting--;
        failWaiters(e);
        return;
      }
      Warm w = new Warm(os);
      byPid.put(os.pid(), w);
      holder[0] = w;
      rt.vertx().setTimer(BOOT_STALL_MS, t -> stall(holder[0]));
      rt.vertx().setTimer(HELLO_TIMEOUT_MS, t -> killIfSilent(holder[0]));
      if (!os.isAlive()) {
        exited(holder[0], os.exitValue());
      }
    }
  }

  private boolean wantsBoot() {
    int covered = idle.size() + starting;
    return waiting.isEmpty() ? covered < Math.max(poolSize, keepWarm) : covered < waiting.size();
  }

  /** A boot that hangs must not hold back the others until it is killed: it stops counting. */
  private void stall(Warm w) {
    synchronized (this) {
      if (!w.booting || w.stalled) {
        return;
      }
      w.stalled = true;
      starting--;
    }
    scheduleRefill();
  }

  /** A warm JVM that never said hello would hold a pool slot forever: end it (refill follows). */
  private void killIfSilent(Warm w) {
    synchronized (this) {
      if (w.jvm != null || !w.os.isAlive()) {
        return;
      }
    }
    w.os.destroyForcibly();
  }

  private void exited(Warm w, int status) {
    if (w == null) {
      return;
    }
    synchronized (this) {
      if (w.exited) {
        return;
      }
      w.exited = true;
      byPid.remove(w.os.pid());
      if (w.booting) {
        settleBoot(w);
        if (++failuresInARow >= MAX_FAILURES_IN_A_ROW) {
          // A crash loop (bad class path, bad JVM flag): fail the waiters instead of retrying forever.
          failWaiters(new dev.multiprocessing.ProcessError(failuresInARow + " warm JVMs in a row exited (last status "
              + status + ") before joining the cluster: see their stderr"));
          return;
        }
      }
      idle.remove(w);
      if (w.ownerAddress == null && !closed) {
        scheduleRefill();
      }
    }
    try {
      if (w.jvm != null) {
        rt.announceDeath(w.jvm.nodeId());
      }
    } finally {
      if (w.ownerAddress != null) {
        rt.reportOsExit(w.ownerAddress, w.key, status); // a process's join waits for this
      }
    }
  }

  private synchronized void failWaiters(Throwable t) {
    Taker w;
    while ((w = waiting.pollFirst()) != null) {
      w.promise().fail(t);
    }
  }

  /**
   * Keeps at least {@code n} warm JVMs idle from now on (a pool of {@code n} workers asks for it,
   * so that the next pool of that size, or the replacement of a dead worker, starts in
   * milliseconds).
   */
  public void keepWarm(int n) {
    synchronized (this) {
      if (n <= keepWarm || n <= poolSize) {
        return;
      }
      keepWarm = n;
    }
    scheduleRefill();
  }

  /** Ready when at least one warm JVM is idle (benchmarks wait for this outside the timed region). */
  public synchronized boolean hasIdle() {
    return !idle.isEmpty();
  }

  public synchronized int idleCount() {
    return idle.size();
  }

  /** The most warm JVMs that have booted at once so far. */
  public synchronized int peakBooting() {
    return peakBooting;
  }

  /** How many warm JVMs this server keeps ready. */
  public int poolSize() {
    return poolSize;
  }

  /**
   * Ends the idle warm JVMs (closing their stdin halts them) and stops refilling. Off an event
   * loop it waits for them (at most 2 s), so that they are gone before this member leaves the
   * cluster: a lite member left alone would log every lost partition.
   */
  void close() {
    List<java.lang.Process> ending = new java.util.ArrayList<>();
    synchronized (this) {
      closed = true;
      for (Warm w : byPid.values()) {
        if (w.ownerAddress == null) {
          ChildLauncher.closeStdin(w.os);
          ending.add(w.os);
        }
      }
      idle.clear();
      failWaiters(new IllegalStateException("the fork server is closed"));
      launcher.shutdown();
    }
    if (!io.vertx.core.Context.isOnEventLoopThread()) {
      long deadline = System.nanoTime() + 2_000_000_000L;
      for (java.lang.Process p : ending) {
        try {
          p.waitFor(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
