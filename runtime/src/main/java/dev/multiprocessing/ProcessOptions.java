package dev.multiprocessing;

import java.util.List;
import java.util.Objects;

/**
 * The arguments of Python's {@code Process(target=..., name=..., daemon=...)} as a Vert.x-style
 * options object. Unset values are inherited from the creating process (daemon, authkey) or
 * derived (name {@code Process-N}).
 */
public class ProcessOptions {

  private Target target;
  private String name;
  private Boolean daemon;
  private byte[] authkey;
  private String startMethod;
  private List<String> jvmOptions = List.of();

  public Target getTarget() {
    return target;
  }

  public ProcessOptions setTarget(Target target) {
    this.target = target;
    return this;
  }

  public String getName() {
    return name;
  }

  public ProcessOptions setName(String name) {
    this.name = name;
    return this;
  }

  public Boolean getDaemon() {
    return daemon;
  }

  public ProcessOptions setDaemon(boolean daemon) {
    this.daemon = daemon;
    return this;
  }

  public byte[] getAuthkey() {
    return authkey;
  }

  public ProcessOptions setAuthkey(byte[] authkey) {
    this.authkey = authkey == null ? null : authkey.clone();
    return this;
  }

  public String getStartMethod() {
    return startMethod;
  }

  /** {@code spawn} or {@code forkserver}; unset means the global start method at {@code start()}. */
  public ProcessOptions setStartMethod(String startMethod) {
    this.startMethod = startMethod == null ? null : MpContext.checkMethod(startMethod);
    return this;
  }

  public List<String> getJvmOptions() {
    return jvmOptions;
  }

  /**
   * Extra flags for this process's JVM ({@code -Xmx2g}, {@code -XX:TieredStopAtLevel=4},
   * {@code -Dkey=value}), added after the runtime's own child flags, so that a flag given here
   * wins. A fork server's warm JVMs were started with the default flags, so a process with flags
   * of its own is launched in a fresh JVM, as {@code spawn} does, whatever its start method.
   *
   * @throws IllegalArgumentException if an option does not start with {@code -}
   */
  public ProcessOptions setJvmOptions(List<String> jvmOptions) {
    this.jvmOptions = checkJvmOptions(jvmOptions);
    return this;
  }

  /** The options as an unmodifiable list, each checked to be a flag (starts with {@code -}). */
  private static List<String> checkJvmOptions(List<String> options) {
    List<String> copy = List.copyOf(Objects.requireNonNull(options, "jvmOptions"));
    for (String o : copy) {
      if (!o.startsWith("-")) {
        throw new IllegalArgumentException("not a JVM option (it must start with '-'): '" + o + "'");
      }
    }
    return copy;
  }
}
