package dev.multiprocessing.codecs;

/**
 * Marker for the library's own shared objects (queues, locks, connections, ...): they travel as
 * handles to the shared thing, never as copies.
 *
 * <p>Wherever a {@code Shareable} appears in a pickled graph, the result of {@link #handle()} is
 * written instead of the object; on the receiving side {@link Handle#resolve()} is called and its
 * result takes the object's place. The same {@code Shareable} referenced twice in one graph is
 * written (and resolved) once. A class need not implement {@link java.io.Serializable} to be
 * shareable.
 */
public interface Shareable {
  /** Returns the handle that represents this object in other processes; never null. */
  Handle handle();
}
