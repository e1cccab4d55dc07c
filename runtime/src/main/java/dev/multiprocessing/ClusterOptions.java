package dev.multiprocessing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * How this JVM joins the cluster that carries every process, queue and lock of a program run.
 *
 * <p>The defaults need no configuration: a Hazelcast member bound to {@code 127.0.0.1} on an
 * ephemeral port, TCP-IP join, and a cluster name unique to this program run, so that two programs
 * (or two test runs) on one machine never join each other. To span several machines, point
 * {@link #setConfigFile(String)} at an ordinary Hazelcast {@code cluster.xml} (see the README) or set
 * {@link #setHost(String)} and {@link #setMembers(List)}.
 *
 * <p>Every setter may also be given as a system property: {@code multiprocessing.cluster.name},
 * {@code multiprocessing.cluster.host}, {@code multiprocessing.cluster.port},
 * {@code multiprocessing.cluster.members} (comma-separated {@code host:port}) and
 * {@code multiprocessing.cluster.config}.
 */
public class ClusterOptions {

  private String clusterName;
  private String host = "127.0.0.1";
  private int port;
  private List<String> members = new ArrayList<>();
  private String configFile;
  private boolean liteMember;

  /** Defaults, overridden by the {@code multiprocessing.cluster.*} system properties. */
  public ClusterOptions() {
    clusterName = System.getProperty("multiprocessing.cluster.name", "mp-" + UUID.randomUUID());
    host = System.getProperty("multiprocessing.cluster.host", host);
    port = Integer.getInteger("multiprocessing.cluster.port", 0);
    String m = System.getProperty("multiprocessing.cluster.members", "");
    for (String s : m.split(",")) {
      if (!s.isBlank()) {
        members.add(s.trim());
      }
    }
    configFile = System.getProperty("multiprocessing.cluster.config");
  }

  public ClusterOptions(ClusterOptions other) {
    clusterName = other.clusterName;
    host = other.host;
    port = other.port;
    members = new ArrayList<>(other.members);
    configFile = other.configFile;
    liteMember = other.liteMember;
  }

  public String getClusterName() {
    return clusterName;
  }

  /** The Hazelcast cluster name; members with another name never join this cluster. */
  public ClusterOptions setClusterName(String clusterName) {
    this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
    return this;
  }

  public String getHost() {
    return host;
  }

  /** The address this member and its event bus bind to and publish ({@code 127.0.0.1} by default). */
  public ClusterOptions setHost(String host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  public int getPort() {
    return port;
  }

  /** The Hazelcast member port; 0 (the default) picks a free ephemeral port. */
  public ClusterOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
    this.port = port;
    return this;
  }

  public List<String> getMembers() {
    return members;
  }

  /** {@code host:port} of members to join over TCP-IP; empty means "start a new cluster". */
  public ClusterOptions setMembers(List<String> members) {
    this.members = new ArrayList<>(members);
    return this;
  }

  public String getConfigFile() {
    return configFile;
  }

  /**
   * A Hazelcast XML or YAML configuration file used instead of the embedded defaults. Its cluster
   * name, network and join settings are used as they are; child JVMs read the same file.
   */
  public ClusterOptions setConfigFile(String configFile) {
    this.configFile = configFile;
    return this;
  }

  public boolean isLiteMember() {
    return liteMember;
  }

  /** A lite member owns no data partitions: child JVMs are lite, so they join faster. */
  public ClusterOptions setLiteMember(boolean liteMember) {
    this.liteMember = liteMember;
    return this;
  }
}
