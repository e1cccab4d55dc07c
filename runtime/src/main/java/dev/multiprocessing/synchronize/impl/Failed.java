package dev.multiprocessing.synchronize.impl;

/** The reply that carries a home's exception back to a caller in another JVM. */
record Failed(Throwable error) {}
