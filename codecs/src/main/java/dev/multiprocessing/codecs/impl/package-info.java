/**
 * Implementation of the pickler on Kryo 5: not an API, may change at any time.
 *
 * <p>{@link dev.multiprocessing.codecs.impl.Codec} pools configured Kryo instances ({@code
 * MpKryo}); the serializers here cover what Kryo lacks or cannot do under JDK 17 strong
 * encapsulation without {@code --add-opens}: lambdas, throwables, JDK wrappers and views,
 * shareables, Java-serialization fallbacks. Failures to pickle collect their path in the object
 * graph on the way up ({@code PickleFailure}).
 */
package dev.multiprocessing.codecs.impl;
