package dev.multiprocessing.synchronize;

import dev.multiprocessing.Target;
import dev.multiprocessing.synchronize.impl.Arrival;
import dev.multiprocessing.synchronize.impl.BarrierSpec;
import dev.multiprocessing.synchronize.impl.BarrierState;
import dev.multiprocessing.synchronize.impl.Op;
import dev.multiprocessing.synchronize.impl.Ref;
import dev.multiprocessing.synchronize.impl.SyncHandle;
import io.vertx.core.Future;

/**
 * Python's {@code multiprocessing.Barrier(parties, action, timeout)}: {@code parties} threads or
 * processes wait in {@link #await()} until all have arrived, then all go on; it is reusable.
 *
 * <ul>
 *   <li>{@code await} returns the arrival index, 0 to parties-1, a different one for each party;
 *       exactly one party gets 0 (the first to arrive).</li>
 *   <li>The action, if any, runs once per pass, in the last party to arrive, before the others are
 *       released (in the blocking {@code await}: on the caller's thread; in {@code awaitAsync}: on
 *       the thread that completes the arrival). If it throws, the barrier breaks and that party
 *       gets the exception.</li>
 *   <li>The barrier breaks, and every waiter gets {@link BrokenBarrierError}, when a waiter's
 *       timeout runs out, on {@link #abort()}, on {@link #reset()} while parties wait (after which
 *       it is usable again), and, unlike Python, when a waiting party's process dies.</li>
 *   <li>A broken barrier raises at once in {@code await} until {@link #reset()}.</li>
 * </ul>
 */
public final class Barrier extends Primitive {

  static {
    SyncHandle.register(Barrier.class, (ref, extra) -> new Barrier(ref, (BarrierSpec) extra));
  }

  private final BarrierSpec spec;

  public Barrier(int parties) {
    this(parties, null, Double.POSITIVE_INFINITY);
  }

  public Barrier(int parties, Target action) {
    this(parties, action, Double.POSITIVE_INFINITY);
  }

  /** {@code timeout}: the default of {@link #await()}, in seconds. */
  public Barrier(int parties, Target action, double timeout) {
    this(home(new BarrierState(checkParties(parties), action != null)), new BarrierSpec(parties, action, timeout));
  }

  private Barrier(Ref ref, BarrierSpec spec) {
    super(ref);
    this.spec = spec;
  }

  private static int checkParties(int parties) {
    if (parties < 1) {
      throw new IllegalArgumentException("parties must be >= 1, got " + parties);
    }
    return parties;
  }

  @Override
  Object extra() {
    return spec;
  }

  /** Waits (with the barrier's default timeout) until all parties have arrived; the arrival index. */
  public int await() {
    return await(spec.timeout());
  }

  /** Waits at most {@code timeout} seconds; on timeout the barrier breaks ({@link BrokenBarrierError}). */
  public int await(double timeout) {
    Arrival a = block(() -> arrive(timeout), "await(timeout)", "awaitAsync(timeout)");
    return a.runAction() ? block(() -> runAction(a), "await(timeout)", "awaitAsync(timeout)") : a.index();
  }

  public Future<Integer> awaitAsync() {
    return awaitAsync(spec.timeout());
  }

  public Future<Integer> awaitAsync(double timeout) {
    return arrive(timeout).compose(a -> a.runAction() ? runAction(a) : Future.succeededFuture(a.index()));
  }

  private Future<Arrival> arrive(double timeout) {
    return cast(ref.call(Op.ARRIVE, Thread.currentThread(), timeout(timeout), 0, 0, null));
  }

  private Future<Integer> runAction(Arrival a) {
    try {
      ((Target) spec.action()).run();
    } catch (Throwable e) {
      return ref.call(Op.BREAK).transform(x -> Future.failedFuture(e));
    }
    return ref.call(Op.PASS).map(x -> a.index());
  }

  /** Python's {@code reset()}: waiting parties get {@link BrokenBarrierError}; the barrier is usable again. */
  public void reset() {
    block(this::resetAsync, "reset()", "resetAsync()");
  }

  public Future<Void> resetAsync() {
    return ref.call(Op.RESET).mapEmpty();
  }

  /** Python's {@code abort()}: breaks the barrier until {@link #reset()}. */
  public void abort() {
    block(this::abortAsync, "abort()", "abortAsync()");
  }

  public Future<Void> abortAsync() {
    return ref.call(Op.ABORT).mapEmpty();
  }

  /** Python's {@code parties}. */
  public int parties() {
    return spec.parties();
  }

  /** Python's {@code n_waiting}: parties waiting now. */
  public int nWaiting() {
    return block(this::nWaitingAsync, "nWaiting()", "nWaitingAsync()");
  }

  public Future<Integer> nWaitingAsync() {
    return cast(ref.call(Op.N_WAITING));
  }

  /** Python's {@code broken}. */
  public boolean broken() {
    return block(this::brokenAsync, "broken()", "brokenAsync()");
  }

  public Future<Boolean> brokenAsync() {
    return cast(ref.call(Op.BROKEN));
  }
}
