package dev.multiprocessing;

import dev.multiprocessing.impl.Blocking;
import dev.multiprocessing.impl.ChildRecord;
import dev.multiprocessing.impl.ExitSequence;
import dev.multiprocessing.impl.MpRuntime;
import dev.multiprocessing.impl.ProcessAccess;
import dev.multiprocessing.impl.Starter;
import io.vertx.core.Future;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Python's {@code multiprocessing.Process}: an activity run in a separate process, here a verticle
 * in its own JVM joined to the cluster.
 *
 * <p>Build it with a {@link Target} (a serializable lambda; the values it captures travel with it)
 * or subclass it and override {@link #run()}; the subclass's own fields travel too. {@link #start()}
 * starts the child with the start method of the process's context ({@code spawn}: a fresh JVM;
 * {@code forkserver}: a warm JVM that already joined the cluster) and returns once the child exists
 * ({@link #getPid()} is then known).
 *
 * <p>Exit codes are Python's: 0 when the target returns, {@code n} after {@code System.exit(n)}, 1
 * after an uncaught exception (whose stack trace the child prints on its stderr), {@code -N} after
 * death by signal N ({@link #terminate()} gives -15, {@link #kill()} -9).
 *
 * <p>Blocking methods ({@link #start()}, {@link #join()}) may be called from any thread except a
 * Vert.x event-loop thread, where they fail at once: use {@link #startAsync()} and
 * {@link #joinAsync()} there. A Process object is used by the process that created it; it is safe
 * for use by several threads of that process.
 *
 * <p>When the JVM that started a child dies, even by SIGKILL, the child exits at once (daemon or
 * not: no child outlives its parent's JVM; Python would leave a non-daemon orphan running).
 */
public class Process implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static volatile Process current;

  static {
    ProcessAccess.install(new Access());
  }

  private Target target;
  private String name;
  private boolean daemon;
  private byte[] authkey;
  private int[] identity;
  private String startMethod;
  private String[] jvmOptions;

  private transient volatile ChildRecord record;
  private transient volatile boolean closed;
  private transient boolean self;
  private transient long selfPid;

  /** For subclasses that override {@link #run()}; uses the default context. */
  protected Process() {
    this(new ProcessOptions(), null);
  }

  /** A process that runs {@code target}, with the default context. */
  public Process(Target target) {
    this(new ProcessOptions().setTarget(Objects.requireNonNull(target, "target")), null);
  }

  /** A process configured by {@code options} (target, name, daemon, authkey, start method). */
  public Process(ProcessOptions options) {
    this(options, null);
  }

  Process(ProcessOptions options, String contextMethod) {
    Process creator = currentProcess();
    int count = COUNTER.incrementAndGet();
    this.identity = append(creator.identity, count);
    this.target = options.getTarget();
    this.name = options.getName() != null ? options.getName() : defaultName(getClass(), identity);
    this.daemon = options.getDaemon() != null ? options.getDaemon() : creator.daemon;
    this.authkey = options.getAuthkey() != null ? options.getAuthkey().clone() : creator.authkey.clone();
    this.startMethod = contextMethod != null ? contextMethod : options.getStartMethod();
    this.jvmOptions = options.getJvmOptions().toArray(new String[0]);
  }

  /** The current process: the main process, or inside a child the child itself. */
  static Process currentProcess() {
    Process p = current;
    if (p == null) {
      synchronized (Process.class) {
        if (current == null) {
          current = mainProcess();
        }
        p = current;
      }
    }
    return p;
  }

  private static Process mainProcess() {
    Process p = new Process(0);
    p.name = "MainProcess";
    p.identity = new int[0];
    p.authkey = new byte[32];
    new SecureRandom().nextBytes(p.authkey);
    p.self = true;
    p.selfPid = ProcessHandle.current().pid();
    return p;
  }

  /** The bare constructor of the main and parent process objects: no counter, no context. */
  private Process(int unused) {
  }

  /** Python's {@code run()}: calls the target. Override it in a subclass instead of giving one. */
  public void run() throws Exception {
    if (target != null) {
      target.run();
    }
  }

  /** Starts the child; blocks until it exists. @throws IllegalStateException if started twice */
  public void start() {
    Blocking.await(startAsync(), "Process.start()", "startAsync()");
  }

  /**
   * Starts the child. The process object (target and captured values) is serialized in the
   * calling thread, so an unserializable target fails here with
   * {@link dev.multiprocessing.codecs.PicklingError} before any JVM is involved.
   */
  public Future<Void> startAsync() {
    checkNotClosed();
    if (record != null || self) {
      throw new IllegalStateException("cannot start a process twice");
    }
    if (currentProcess().daemon) {
      throw new IllegalStateException("daemonic processes are not allowed to have children");
    }
    Multiprocessing.activeChildren();
    MpRuntime rt = MpRuntime.get();
    String method = startMethod != null ? startMethod : Multiprocessing.getStartMethod();
    Starter.Started started = Starter.start(rt, this, method, currentProcess().name, currentProcess().getPid());
    record = started.record();
    ExitSequence.track(this);
    return started.ready();
  }

  /** Waits until the process ends. @throws IllegalStateException before start, or on oneself */
  public void join() {
    Blocking.await(joinAsync(), "Process.join()", "joinAsync()");
  }

  /** Waits at most {@code timeout} seconds (Python's float seconds); returns either way. */
  public void join(double timeout) {
    Future<Integer> f = joinAsync();
    try {
      Blocking.await(f, timeout, "Process.join(timeout)", "joinAsync()");
    } catch (TimeoutError e) {
      // Python's join(timeout) returns None on time-out: check isAlive() or getExitCode()
    }
  }

  /** Completes with the exit code when the process ends. */
  public Future<Integer> joinAsync() {
    checkNotClosed();
    if (self) {
      throw new IllegalStateException("can only join a child process");
    }
    ChildRecord r = startedRecord("can only join a started process");
    return r.exit().andThen(x -> ExitSequence.untrack(this));
  }

  /** True from {@link #start()} until the process ends; the current process is always alive. */
  public boolean isAlive() {
    checkNotClosed();
    if (self) {
      return true;
    }
    ChildRecord r = record;
    if (r == null) {
      return false;
    }
    if (r.exit().isComplete()) {
      ExitSequence.untrack(this);
      return false;
    }
    return true;
  }

  /** Python's {@code exitcode}: null while not started or running. */
  public Integer getExitCode() {
    checkNotClosed();
    ChildRecord r = record;
    if (r == null || !r.exit().isComplete()) {
      return null;
    }
    return r.exit().succeeded() ? r.exit().result() : null;
  }

  /** The OS process id, null before start. */
  public Long getPid() {
    if (self) {
      return selfPid;
    }
    ChildRecord r = record;
    return r == null || r.pid() == 0 ? null : r.pid();
  }

  /** Python's {@code ident}: the same as {@link #getPid()}. */
  public Long getIdent() {
    checkNotClosed();
    return getPid();
  }

  /**
   * Python's {@code sentinel}: a future that completes (with the exit code) when the process ends;
   * {@code connection.wait} accepts it. The same instance on every call.
   */
  public Future<Integer> getSentinel() {
    checkNotClosed();
    return startedRecord("process not started").exit();
  }

  /** Ends the process with SIGTERM (exit code -15); no finally blocks or shutdown hooks run in it. */
  public void terminate() {
    signal(15);
  }

  /** Ends the process with SIGKILL (exit code -9). */
  public void kill() {
    signal(9);
  }

  private void signal(int sig) {
    checkNotClosed();
    ChildRecord r = startedRecord("cannot signal a process that was not started");
    if (!r.exit().isComplete()) {
      Starter.signal(MpRuntime.get(), r, sig);
    }
  }

  /**
   * Releases the process object. @throws IllegalStateException while it is still running; after
   * close most methods raise {@link IllegalStateException}.
   */
  public void close() {
    if (closed) {
      return;
    }
    ChildRecord r = record;
    if (r != null && !r.exit().isComplete()) {
      throw new IllegalStateException("Cannot close a process while it is still running. "
          + "You should first call join() or terminate().");
    }
    ExitSequence.untrack(this);
    closed = true;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  public boolean isDaemon() {
    return daemon;
  }

  /** Must be set before {@link #start()}; a daemon is terminated when its parent exits. */
  public void setDaemon(boolean daemon) {
    if (record != null) {
      throw new IllegalStateException("process has already started: daemon must be set before start()");
    }
    this.daemon = daemon;
  }

  /** Python's {@code authkey}: inherited from the creating process unless set. */
  public byte[] getAuthkey() {
    return authkey.clone();
  }

  public void setAuthkey(byte[] authkey) {
    this.authkey = Objects.requireNonNull(authkey, "authkey").clone();
  }

  /** The extra flags of this process's JVM ({@link ProcessOptions#setJvmOptions}); empty by default. */
  public List<String> getJvmOptions() {
    return jvmOptions == null ? List.of() : List.of(jvmOptions);
  }

  /** The start method this process uses ({@code spawn} or {@code forkserver}). */
  public String getStartMethod() {
    return startMethod != null ? startMethod : Multiprocessing.getStartMethod();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName())
        .append(" name='").append(name).append('\'');
    Long pid = getPid();
    if (self) {
      sb.append(" pid=").append(pid).append(" started");
    } else if (record == null) {
      sb.append(" initial");
    } else if (record.exit().isComplete()) {
      sb.append(" pid=").append(pid).append(" stopped exitcode=").append(getExitCode());
    } else {
      sb.append(" pid=").append(pid).append(" started");
    }
    if (daemon) {
      sb.append(" daemon");
    }
    return sb.append('>').toString();
  }

  private void checkNotClosed() {
    if (closed) {
      throw new IllegalStateException("process object is closed");
    }
  }

  private ChildRecord startedRecord(String message) {
    ChildRecord r = record;
    if (r == null) {
      throw new IllegalStateException(message);
    }
    return r;
  }

  int[] identity() {
    return identity;
  }

  private static int[] append(int[] base, int n) {
    int[] r = Arrays.copyOf(base, base.length + 1);
    r[base.length] = n;
    return r;
  }

  private static String defaultName(Class<?> type, int[] identity) {
    String simple = type.getSimpleName().isEmpty() ? "Process" : type.getSimpleName();
    return simple + "-" + Arrays.stream(identity).mapToObj(Integer::toString).collect(Collectors.joining(":"));
  }

  /** The parent as seen from a child: alive while its JVM is a member of the cluster. */
  private static final class ParentProcess extends Process {
    private static final long serialVersionUID = 1L;
    private final transient Future<Void> gone;

    ParentProcess(String name, long pid, Future<Void> gone) {
      super(0);
      setName(name);
      super.selfPid = pid;
      this.gone = gone;
    }

    @Override
    public boolean isAlive() {
      return !gone.isComplete();
    }

    @Override
    public Long getPid() {
      return super.selfPid;
    }

    @Override
    public Future<Integer> joinAsync() {
      return gone.map(x -> null);
    }

    @Override
    public Future<Integer> getSentinel() {
      return joinAsync();
    }

    @Override
    public Future<Void> startAsync() {
      throw new IllegalStateException("the parent process cannot be started from a child");
    }

    @Override
    public void terminate() {
      throw new IllegalStateException("the parent process cannot be terminated from a child");
    }

    @Override
    public void kill() {
      terminate();
    }
  }

  /** What the runtime's implementation may do that users may not. */
  private static final class Access extends ProcessAccess {
    @Override
    public void becomeCurrent(Process p, long pid) {
      p.self = true;
      p.selfPid = pid;
      p.record = null;
      current = p;
      COUNTER.set(0);
    }

    @Override
    public Process parent(String name, long pid, Future<Void> gone) {
      return new ParentProcess(name, pid, gone);
    }

    @Override
    public void runProcess(Process p) throws Exception {
      p.run();
    }
  }
}
