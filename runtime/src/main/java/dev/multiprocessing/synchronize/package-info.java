/**
 * Python's {@code multiprocessing.synchronize}: {@link dev.multiprocessing.synchronize.Lock},
 * {@link dev.multiprocessing.synchronize.RLock}, {@link dev.multiprocessing.synchronize.Semaphore},
 * {@link dev.multiprocessing.synchronize.BoundedSemaphore},
 * {@link dev.multiprocessing.synchronize.Condition}, {@link dev.multiprocessing.synchronize.Event}
 * and {@link dev.multiprocessing.synchronize.Barrier}, shared between processes.
 *
 * <p>Each primitive lives in the process that created it (its home: a small state machine there,
 * reachable at the event-bus address {@code mp.sync.<uuid>}) and travels to other processes as a
 * handle, captured by a process target or sent through a pipe. Calls in the creating process cost
 * no message; calls from other processes are one event-bus round trip each; waiters are parked at
 * the home and woken by a message. The home gives back locks and permits of a process that dies.
 */
package dev.multiprocessing.synchronize;
