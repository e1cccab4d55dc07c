/**
 * Python's {@code pickle} for the JVM: how every object that crosses JVMs travels.
 *
 * <p>{@link dev.multiprocessing.codecs.Pickler} turns object graphs into bytes and back; {@link
 * dev.multiprocessing.codecs.Pickled} is an object pickled eagerly at the sender; {@link
 * dev.multiprocessing.codecs.KryoMessageCodec} carries {@code Pickled} values on the Vert.x event
 * bus; {@link dev.multiprocessing.codecs.Shareable} objects travel as {@link
 * dev.multiprocessing.codecs.Handle}s; exceptions that cannot be rebuilt arrive as {@link
 * dev.multiprocessing.codecs.SubstituteException}. What cannot be pickled fails at the sender with
 * {@link dev.multiprocessing.codecs.PicklingError}; what cannot be unpickled with {@link
 * dev.multiprocessing.codecs.UnpicklingError}.
 *
 * <p>No type of the serialization library (Kryo) appears in this package's signatures: it lives in
 * {@code dev.multiprocessing.codecs.impl}, which is not an API.
 */
package dev.multiprocessing.codecs;
