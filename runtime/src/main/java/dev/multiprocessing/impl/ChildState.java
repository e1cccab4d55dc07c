package dev.multiprocessing.impl;

import dev.multiprocessing.Process;

/** What a child JVM knows about its parent; empty in a main process. */
public final class ChildState {

  private static volatile Process parent;

  private ChildState() {}

  public static Process parent() {
    return parent;
  }

  public static void parent(Process p) {
    parent = p;
  }
}
