package dev.multiprocessing.pool;

import java.lang.reflect.Field;
import java.util.List;

/** What a test prints when a pool does not end: each worker slot's state, read by reflection. */
final class PoolDiagnostics {

  private PoolDiagnostics() {}

  static String describe(Pool pool) {
    try {
      Object d = field(pool, "d");
      StringBuilder sb = new StringBuilder(d.toString());
      synchronized (d) {
        for (Object slot : (List<?>) field(d, "slots")) {
          sb.append("\n  slot ").append(field(slot, "name"))
              .append(" pid=").append(field(slot, "pid"))
              .append(" ready=").append(field(slot, "ready"))
              .append(" stopSent=").append(field(slot, "stopSent"))
              .append(" killed=").append(field(slot, "killed"))
              .append(" dead=").append(field(slot, "dead"))
              .append(" process=").append(field(slot, "handle"));
        }
      }
      return sb.toString();
    } catch (ReflectiveOperationException e) {
      return pool + " (no details: " + e + ")";
    }
  }

  private static Object field(Object o, String name) throws ReflectiveOperationException {
    Field f = o.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(o);
  }
}
