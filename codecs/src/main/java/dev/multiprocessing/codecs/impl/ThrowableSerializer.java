package dev.multiprocessing.codecs.impl;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.multiprocessing.codecs.SubstituteException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@link Throwable}, with its exact class, message, stack trace, cause chain, suppressed
 * exceptions and the fields of user-defined subclasses, without {@code --add-opens}.
 *
 * <p>Three forms, chosen at the sender, which has the same classes as the receiver:
 *
 * <ul>
 *   <li>{@code REBUILD}: the class can be rebuilt through a constructor (checked by rebuilding it
 *       once at the sender, unless a JDK class is known to be simple); the message, cause,
 *       suppressed exceptions, stack trace and user fields are written by Kryo.
 *   <li>{@code JAVA}: no constructor preserves the message (e.g. {@code MyError(int code)}), but
 *       Java serialization, which restores Throwable's private state, can do it.
 *   <li>{@code SUBSTITUTE}: neither works (say a field holds a socket): a {@link
 *       SubstituteException} with the original class name, message, stack trace, cause and
 *       suppressed exceptions is rebuilt instead. Never fails the whole message.
 * </ul>
 *
 * The class name, message and stack trace are always written first, so that the receiver can
 * still build a {@code SubstituteException} if the class turns out to be missing there. A
 * reference back to a Throwable from inside its own cause, suppressed exceptions or fields reads
 * as null (the instance only exists once they are read). Stateless; thread-safe.
 */
final class ThrowableSerializer extends Serializer<Throwable> {
  private static final byte REBUILD = 0;
  private static final byte JAVA = 1;
  private static final byte SUBSTITUTE = 2;

  @Override
  public void write(Kryo kryo, Output output, Throwable t) {
    String className = t.getClass().getName();
    String message = messageOf(t);
    Throwable cause = causeOf(t);
    ThrowableShape shape = ThrowableShape.of(t.getClass());
    Object[] values = shape.fieldValues(t);
    byte form;
    byte[] javaForm = null;
    if (t instanceof SubstituteException) {
      SubstituteException s = (SubstituteException) t;
      form = SUBSTITUTE;
      className = s.originalClassName();
      message = s.originalMessage();
    } else if (fieldsPicklable(values)
        && (shape.trivially(cause) || shape.rebuild(message, cause, values) != null)) {
      form = REBUILD;
    } else {
      javaForm = javaFormOf(t);
      form = javaForm != null ? JAVA : SUBSTITUTE;
    }

    output.writeByte(form);
    output.writeString(className);
    output.writeString(message);
    writeStackTrace(kryo, output, t.getStackTrace());
    if (form == JAVA) {
      output.writeVarInt(javaForm.length, true);
      output.writeBytes(javaForm);
      return;
    }
    kryo.writeClassAndObject(output, cause);
    Throwable[] suppressed = t.getSuppressed();
    output.writeVarInt(suppressed.length, true);
    for (Throwable s : suppressed) {
      kryo.writeClassAndObject(output, s);
    }
    if (form == REBUILD) {
      output.writeVarInt(values.length, true);
      for (int i = 0; i < values.length; i++) {
        output.writeString(shape.keys[i]);
        kryo.writeClassAndObject(output, values[i] == ThrowableShape.ABSENT ? null : values[i]);
      }
    }
  }

  @Override
  public Throwable read(Kryo kryo, Input input, Class<? extends Throwable> ignored) {
    byte form = input.readByte();
    String className = input.readString();
    String message = input.readString();
    StackTraceElement[] stackTrace = readStackTrace(kryo, input);
    if (form == JAVA) {
      byte[] bytes = input.readBytes(input.readVarInt(true));
      try {
        return (Throwable) JavaSerialization.fromBytes(bytes, kryo.getClassLoader());
      } catch (Exception | LinkageError e) {
        // Class missing or changed here: keep what we know.
        Throwable substitute = new SubstituteException(className, message);
        substitute.setStackTrace(stackTrace);
        return substitute;
      }
    }
    Throwable cause = (Throwable) kryo.readClassAndObject(input);
    Throwable[] suppressed = new Throwable[input.readVarInt(true)];
    for (int i = 0; i < suppressed.length; i++) {
      suppressed[i] = (Throwable) kryo.readClassAndObject(input);
    }
    Throwable t = null;
    if (form == REBUILD) {
      int count = input.readVarInt(true);
      String[] keys = new String[count];
      Object[] sent = new Object[count];
      for (int i = 0; i < count; i++) {
        keys[i] = input.readString();
        sent[i] = kryo.readClassAndObject(input);
      }
      Class<?> type = load(kryo, className);
      if (type != null) {
        ThrowableShape shape = ThrowableShape.of(type);
        Object[] values = new Object[shape.fields.length];
        java.util.Arrays.fill(values, ThrowableShape.ABSENT);
        for (int i = 0; i < count; i++) {
          int index = shape.indexOf(keys[i]);
          if (index >= 0) {
            values[index] = sent[i];
          }
        }
        t = shape.rebuild(message, cause, values);
      }
    }
    if (t == null) {
      t = new SubstituteException(className, message);
      if (cause != null) {
        t.initCause(cause);
      }
    }
    t.setStackTrace(stackTrace);
    for (Throwable s : suppressed) {
      if (s != null && s != t) {
        t.addSuppressed(s);
      }
    }
    return t;
  }

  private static Class<?> load(Kryo kryo, String className) {
    try {
      Class<?> type = Class.forName(className, false, kryo.getClassLoader());
      return Throwable.class.isAssignableFrom(type) ? type : null;
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static String messageOf(Throwable t) {
    try {
      return t.getMessage();
    } catch (RuntimeException e) {
      return null; // a broken getMessage override must not lose the whole exception
    }
  }

  private static Throwable causeOf(Throwable t) {
    try {
      Throwable cause = t.getCause();
      return cause == t ? null : cause;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * True if every user field value can be pickled: tried on a separate serializer, because a
   * failure half-way through the real stream could not be rolled back (Kryo would already have
   * recorded references to objects written before it).
   */
  private static boolean fieldsPicklable(Object[] values) {
    for (Object v : values) {
      if (v == ThrowableShape.ABSENT) {
        return false;
      }
      if (v == null
          || v instanceof String
          || v instanceof Number && v.getClass().getName().startsWith("java.lang.")
          || v instanceof Boolean
          || v instanceof Character
          || v instanceof Enum) {
        continue;
      }
      if (!Codec.isPicklable(v)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] javaFormOf(Throwable t) {
    try {
      return JavaSerialization.toBytes(t);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Stack traces are most of an exception's bytes, and the frames of a cause chain largely repeat:
   * every distinct frame, and every distinct string inside frames, is written once per message
   * and referred to by index afterwards. The tables live in Kryo's graph context, which Kryo
   * clears after each message; reader and writer fill them in the same order.
   */
  private static final String WRITE_TABLES = "mp.stack.write";

  private static final String READ_TABLES = "mp.stack.read";

  private static final class WriteTables {
    final Map<StackTraceElement, Integer> frames = new HashMap<>();
    final Map<String, Integer> strings = new HashMap<>();
  }

  private static final class ReadTables {
    final List<StackTraceElement> frames = new ArrayList<>();
    final List<String> strings = new ArrayList<>();
  }

  @SuppressWarnings("unchecked") // Kryo's graph context is a raw map
  private static void writeStackTrace(Kryo kryo, Output output, StackTraceElement[] trace) {
    WriteTables tables = (WriteTables) kryo.getGraphContext().get(WRITE_TABLES);
    if (tables == null) {
      tables = new WriteTables();
      kryo.getGraphContext().put(WRITE_TABLES, tables);
    }
    output.writeVarInt(trace.length, true);
    for (StackTraceElement e : trace) {
      Integer known = tables.frames.get(e);
      if (known != null) {
        output.writeVarInt(known + 1, true);
        continue;
      }
      output.writeVarInt(0, true);
      tables.frames.put(e, tables.frames.size());
      writeString(tables, output, e.getClassLoaderName());
      writeString(tables, output, e.getModuleName());
      writeString(tables, output, e.getModuleVersion());
      writeString(tables, output, e.getClassName());
      writeString(tables, output, e.getMethodName());
      writeString(tables, output, e.getFileName());
      output.writeVarInt(e.getLineNumber(), false);
    }
  }

  /** 0 = null, 1 = a new string follows, n >= 2 = the string of index n - 2. */
  private static void writeString(WriteTables tables, Output output, String s) {
    if (s == null) {
      output.writeVarInt(0, true);
      return;
    }
    Integer known = tables.strings.get(s);
    if (known != null) {
      output.writeVarInt(known + 2, true);
      return;
    }
    tables.strings.put(s, tables.strings.size());
    output.writeVarInt(1, true);
    output.writeString(s);
  }

  @SuppressWarnings("unchecked") // Kryo's graph context is a raw map
  private static StackTraceElement[] readStackTrace(Kryo kryo, Input input) {
    ReadTables tables = (ReadTables) kryo.getGraphContext().get(READ_TABLES);
    if (tables == null) {
      tables = new ReadTables();
      kryo.getGraphContext().put(READ_TABLES, tables);
    }
    StackTraceElement[] trace = new StackTraceElement[input.readVarInt(true)];
    for (int i = 0; i < trace.length; i++) {
      int known = input.readVarInt(true);
      if (known > 0) {
        trace[i] = tables.frames.get(known - 1);
        continue;
      }
      trace[i] =
          new StackTraceElement(
              readString(tables, input),
              readString(tables, input),
              readString(tables, input),
              readString(tables, input),
              readString(tables, input),
              readString(tables, input),
              input.readVarInt(false));
      tables.frames.add(trace[i]);
    }
    return trace;
  }

  private static String readString(ReadTables tables, Input input) {
    int tag = input.readVarInt(true);
    if (tag == 0) {
      return null;
    }
    if (tag == 1) {
      String s = input.readString();
      tables.strings.add(s);
      return s;
    }
    return tables.strings.get(tag - 2);
  }
}
