package dev.multiprocessing.synchronize.impl;

/** A lock granted with its lease (see {@link LeaseClient}), and the bytes of a Value stored with it. */
public record Lease(long no, byte[] data) {}
