package dev.multiprocessing.synchronize.impl;

import java.io.Serializable;

/** What a barrier's handle carries besides its reference: parties, action, default timeout. */
public record BarrierSpec(int parties, Serializable action, double timeout) implements Serializable {}
