package dev.multiprocessing;

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
}
