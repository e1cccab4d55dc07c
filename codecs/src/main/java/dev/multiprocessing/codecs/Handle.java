package dev.multiprocessing.codecs;

import java.io.Serializable;

/**
 * What travels in place of a {@link Shareable} object: a small, picklable reference to the shared
 * thing (for instance an event-bus address and a name).
 *
 * <p>The handle itself is pickled like any other object, so it must be picklable (a record or a
 * {@link Serializable} class made of picklable fields). {@link #resolve()} is called on the
 * receiving side, during unpickling, on the thread that unpickles; it must be cheap and must not
 * block (it may run on a Vert.x event-loop thread if the receiver decodes there).
 */
public interface Handle extends Serializable {
  /**
   * Returns the object that takes the place of the original {@link Shareable} in the unpickled
   * graph. It should be an instance of the type the original was declared as (a field of type
   * {@code Queue} must receive a {@code Queue}).
   */
  Object resolve();
}
