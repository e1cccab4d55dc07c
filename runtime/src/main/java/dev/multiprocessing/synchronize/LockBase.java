package dev.multiprocessing.synchronize;

import dev.multiprocessing.synchronize.impl.Op;
import dev.multiprocessing.synchronize.impl.Ref;
import io.vertx.core.Future;

/** The acquire forms, release and try-with-resources, once for every lock-like primitive. */
abstract class LockBase extends Primitive implements Acquirable {

  LockBase(Ref ref) {
    super(ref);
  }

  /** Acquire on behalf of {@code caller} (its identity for ownership), with an op timeout. */
  Future<Boolean> acquire(Thread caller, double timeout) {
    return cast(ref.call(Op.ACQUIRE, caller, timeout, 0, 0, null));
  }

  Future<Void> release(Thread caller) {
    return ref.call(Op.RELEASE, caller, 0, 0, 0, null).mapEmpty();
  }

  /** How many times {@code caller} holds this (RLock: its depth; Lock: 1 if it acquired it). */
  abstract Future<Integer> owned(Thread caller);

  @Override
  public boolean acquire() {
    return block(() -> acquireAsync(), "acquire()", "acquireAsync()");
  }

  @Override
  public boolean acquire(boolean block) {
    return block ? acquire() : acquire(false, 0);
  }

  @Override
  public boolean acquire(boolean block, double timeout) {
    return block(() -> acquireAsync(block, timeout), "acquire(block, timeout)", "acquireAsync(block, timeout)");
  }

  @Override
  public Future<Boolean> acquireAsync() {
    return acquire(Thread.currentThread(), FOREVER);
  }

  @Override
  public Future<Boolean> acquireAsync(boolean block, double timeout) {
    return acquire(Thread.currentThread(), block ? timeout(timeout) : 0);
  }

  @Override
  public void release() {
    block(() -> releaseAsync(), "release()", "releaseAsync()");
  }

  @Override
  public Future<Void> releaseAsync() {
    return release(Thread.currentThread());
  }

  @Override
  public LockBase enter() {
    acquire();
    return this;
  }

  @Override
  public void close() {
    release();
  }
}
