package dev.multiprocessing.synchronize.impl;

/** A barrier's answer to an arrival: its index, and whether this party must run the action. */
public record Arrival(int index, boolean runAction) {}
