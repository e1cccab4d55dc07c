package dev.multiprocessing.codecs.impl;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Vert.x's own value types, which are not {@link java.io.Serializable} but are natural things to
 * send in a Vert.x program: {@link JsonObject} and {@link JsonArray} travel as their backing map
 * and list (their values are pickled like any other object), {@link Buffer} as its bytes. Every
 * serializer here is stateless; thread-safe.
 */
final class VertxSerializers {
  private VertxSerializers() {}

  /** A serializer for {@code type} if it is one of the Vert.x types above, else null. */
  static Serializer<?> forType(Class<?> type) {
    if (JsonObject.class.isAssignableFrom(type)) {
      return new JsonObjectSerializer();
    }
    if (JsonArray.class.isAssignableFrom(type)) {
      return new JsonArraySerializer();
    }
    if (Buffer.class.isAssignableFrom(type)) {
      return new BufferSerializer();
    }
    return null;
  }

  private static final class JsonObjectSerializer extends Serializer<JsonObject> {
    @Override
    public void write(Kryo kryo, Output output, JsonObject json) {
      kryo.writeClassAndObject(output, json.getMap());
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonObject read(Kryo kryo, Input input, Class<? extends JsonObject> type) {
      return new JsonObject((Map<String, Object>) kryo.readClassAndObject(input));
    }
  }

  private static final class JsonArraySerializer extends Serializer<JsonArray> {
    @Override
    public void write(Kryo kryo, Output output, JsonArray json) {
      kryo.writeClassAndObject(output, json.getList());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public JsonArray read(Kryo kryo, Input input, Class<? extends JsonArray> type) {
      return new JsonArray((List) kryo.readClassAndObject(input));
    }
  }

  private static final class BufferSerializer extends Serializer<Buffer> {
    @Override
    public void write(Kryo kryo, Output output, Buffer buffer) {
      byte[] bytes = buffer.getBytes();
      output.writeVarInt(bytes.length, true);
      output.writeBytes(bytes);
    }

    @Override
    public Buffer read(Kryo kryo, Input input, Class<? extends Buffer> type) {
      return Buffer.buffer(input.readBytes(input.readVarInt(true)));
    }
  }
}
