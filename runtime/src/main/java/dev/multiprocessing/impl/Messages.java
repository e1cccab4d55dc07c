package dev.multiprocessing.impl;

import dev.multiprocessing.Process;
import java.io.Serializable;

/**
 * The messages of the process life-cycle protocol, all carried by the Kryo codec.
 *
 * <pre>
 *  spawn:      child --Hello--> owner (request)     owner --ChildSpec--> child (reply)
 *  forkserver: warm  --Hello--> server (request)    owner --TakeWarm--> server, reply WarmJvm
 *              owner --ChildSpec--> warm child's address (request, ack)
 *  both:       child --ExitReport--> owner (request, ack before the child exits)
 *              launcher --OsExit--> owner (the OS exit status, once the JVM is gone)
 * </pre>
 */
public final class Messages {

  private Messages() {}

  /** A child JVM that joined the cluster and waits for work at {@code address}. */
  public record Hello(String key, long pid, String nodeId, String address) implements Serializable {}

  /** Everything a child needs to become the process: the {@link Process} object itself travels. */
  public record ChildSpec(String key, Process process, String ownerAddress, String ownerNodeId,
      String parentName, long parentPid) implements Serializable {}

  /**
   * Sent by a child before it exits. {@code systemExit} means user code called System.exit: the
   * code is then the OS exit status, which the launcher reports.
   */
  public record ExitReport(String key, int code, boolean systemExit) implements Serializable {}

  /** The raw exit status the OS gave the launcher (128+N for death by signal N). */
  public record OsExit(String key, int status) implements Serializable {}

  /** Asks a fork server for a warm JVM that will run process {@code key} for {@code ownerAddress}. */
  public record TakeWarm(String key, String ownerAddress) implements Serializable {}

  /** A warm JVM handed out by a fork server. */
  public record WarmJvm(String address, long pid, String nodeId) implements Serializable {}

  /** Opens the connection to a warm JVM ahead of use; answered with an empty reply. */
  public record Ping() implements Serializable {}

  /** Asks a child on another host to end itself as if by signal {@code signal}. */
  public record SignalRequest(int signal) implements Serializable {}
}
