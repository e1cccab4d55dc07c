package dev.multiprocessing.impl;

import dev.multiprocessing.Multiprocessing;
import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The library's logger and Python's {@code [LEVEL/ProcessName] message} stderr format. */
public final class MpLogging {

  private static final Logger LOGGER = quietLogger();
  private static volatile Handler stderr;

  /** Like Python's: nothing is printed until {@code log_to_stderr} (no propagation, level WARNING). */
  private static Logger quietLogger() {
    Logger l = Logger.getLogger("multiprocessing");
    l.setUseParentHandlers(false);
    if (l.getLevel() == null) {
      l.setLevel(Level.WARNING);
    }
    return l;
  }

  private MpLogging() {}

  public static Logger logger() {
    return LOGGER;
  }

  public static synchronized Logger toStderr(Level level) {
    if (stderr == null) {
      stderr = new StderrHandler();
      LOGGER.addHandler(stderr);
      LOGGER.setUseParentHandlers(false);
    }
    if (level != null) {
      LOGGER.setLevel(level);
      stderr.setLevel(Level.ALL);
    }
    return LOGGER;
  }

  /** Python's level names for JUL levels. */
  static String pythonLevel(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "ERROR";
    } else if (v >= Level.WARNING.intValue()) {
      return "WARNING";
    } else if (v >= Level.INFO.intValue()) {
      return "INFO";
    } else if (v >= Level.FINE.intValue()) {
      return "DEBUG";
    }
    return "SUBDEBUG";
  }

  /** {@code [LEVEL/ProcessName] message}. */
  static final class PythonFormat extends Formatter {
    @Override
    public String format(LogRecord r) {
      String msg = formatMessage(r);
      StringBuilder sb = new StringBuilder().append('[').append(pythonLevel(r.getLevel())).append('/')
          .append(Multiprocessing.currentProcess().getName()).append("] ").append(msg).append('\n');
      if (r.getThrown() != null) {
        java.io.StringWriter w = new java.io.StringWriter();
        r.getThrown().printStackTrace(new java.io.PrintWriter(w));
        sb.append(w);
      }
      return sb.toString();
    }
  }

  /** Writes to whatever System.err is at the time (so redirected stderr is honoured). */
  private static final class StderrHandler extends Handler {
    StderrHandler() {
      setFormatter(new PythonFormat());
    }

    @Override
    public void publish(LogRecord r) {
      if (isLoggable(r)) {
        PrintStream err = System.err;
        err.print(getFormatter().format(r));
        err.flush();
      }
    }

    @Override
    public void flush() {
      System.err.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
