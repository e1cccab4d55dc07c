package dev.multiprocessing.synchronize.impl;

/**
 * An Event's flag as of {@code version} (every set and clear makes a new one): what the home
 * pushes to the JVMs that watch the event, and what it answers to their set, clear and subscribe.
 * {@code id} names the event in a push; it is empty in a reply.
 */
public record EventFlag(String id, boolean flag, long version) {}
