package dev.multiprocessing.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, which keys per-host services such as the fork server. */
final class HostName {

  private static final String NAME = compute();

  private HostName() {}

  static String get() {
    return NAME;
  }

  private static String compute() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String env = System.getenv("HOSTNAME");
      return env != null ? env : "localhost";
    }
  }
}
