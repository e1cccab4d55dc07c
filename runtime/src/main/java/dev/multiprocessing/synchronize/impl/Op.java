package dev.multiprocessing.synchronize.impl;

import java.io.Serializable;

/**
 * One operation on a primitive's home: what to do ({@code code}), who asks (cluster node and
 * thread id: RLock ownership and holder death are tracked by them), how long the caller accepts to
 * wait ({@code timeout} in seconds: negative = forever, 0 = do not wait), two integer arguments
 * and optional bytes (a Value's data).
 */
public record Op(int code, String node, long thread, double timeout, long a, long b, byte[] data)
    implements Serializable {

  public static final int ACQUIRE = 1;
  public static final int RELEASE = 2;
  public static final int LOCKED = 3;
  public static final int OWNED = 4;
  public static final int VALUE = 5;
  public static final int SET = 6;
  public static final int CLEAR = 7;
  public static final int IS_SET = 8;
  public static final int WAIT = 9;
  public static final int REGISTER = 10;
  public static final int SIGNAL = 11;
  public static final int ARRIVE = 12;
  public static final int PASS = 13;
  public static final int BREAK = 14;
  public static final int RESET = 15;
  public static final int ABORT = 16;
  public static final int N_WAITING = 17;
  public static final int BROKEN = 18;
  public static final int READ = 19;
  public static final int WRITE = 20;
  /** Lessee to home: a request answered when lease {@code a} is recalled. RETURN: here it is back ({@code b} = depth). */
  public static final int RECALL = 21;
  public static final int RETURN = 22;
  /** A JVM asks to be told of every change of an Event's flag (see {@link EventView}). */
  public static final int SUBSCRIBE = 23;
  /** {@code a} of an ACQUIRE: the caller can take a lease. */
  public static final long LEASE_OK = 2;

  /** True when the caller accepts to wait. */
  boolean mayWait() {
    return timeout != 0;
  }

  boolean sameThread(String n, long t) {
    return thread == t && node.equals(n);
  }
}
