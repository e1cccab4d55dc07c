/**
 * Python's {@code multiprocessing.pool}: {@link dev.multiprocessing.pool.Pool} (worker processes,
 * each in a JVM of its own, fed over a pipe), {@link dev.multiprocessing.pool.ThreadPool},
 * {@link dev.multiprocessing.pool.AsyncResult} and the imap iterator
 * {@link dev.multiprocessing.pool.PoolIterator}.
 */
package dev.multiprocessing.pool;
