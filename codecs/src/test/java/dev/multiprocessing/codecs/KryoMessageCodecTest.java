package dev.multiprocessing.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class KryoMessageCodecTest {
  record Job(String name, List<Integer> args) {}

  @BeforeEach
  void register(Vertx vertx) {
    KryoMessageCodec.registerOn(vertx);
  }

  @Test
  void registerOn_isIdempotent(Vertx vertx) {
    KryoMessageCodec.registerOn(vertx);
    KryoMessageCodec.registerOn(vertx);
  }

  @Test
  void send_pickledOnLocalEventBus_deliversAnEqualCopy(Vertx vertx, VertxTestContext ctx) {
    Job job = new Job("square", new ArrayList<>(List.of(1, 2, 3)));
    Pickled sent = Pickled.of(job);
    vertx
        .eventBus()
        .<Pickled>consumer(
            "jobs",
            message ->
                ctx.verify(
                    () -> {
                      assertNotSame(sent, message.body(), "a local receiver gets its own Pickled");
                      Job received = message.body().get(Job.class);
                      assertEquals(job, received);
                      assertNotSame(job, received);
                      ctx.completeNow();
                    }))
        .completion()
        .onComplete(ctx.succeeding(v -> vertx.eventBus().send("jobs", sent)));
  }

  @Test
  void requestReply_withPickledBothWays(Vertx vertx, VertxTestContext ctx) {
    vertx
        .eventBus()
        .<Pickled>consumer(
            "square",
            message -> {
              Job job = message.body().get(Job.class);
              List<Integer> squares = new ArrayList<>();
              job.args().forEach(x -> squares.add(x * x));
              message.reply(Pickled.of(squares));
            })
        .completion()
        .compose(
            v -> vertx.eventBus().<Pickled>request("square", Pickled.of(new Job("sq", List.of(2, 3)))))
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertEquals(List.of(4, 9), reply.body().get());
                          ctx.completeNow();
                        })));
  }

  @Test
  void publish_toTwoLocalConsumers_eachGetsItsOwnCopy(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger received = new AtomicInteger();
    Map<Object, Boolean> seen = Collections.synchronizedMap(new IdentityHashMap<>());
    for (int i = 0; i < 2; i++) {
      vertx
          .eventBus()
          .<Pickled>consumer(
              "news",
              message ->
                  ctx.verify(
                      () -> {
                        Object body = message.body().get();
                        assertEquals(List.of("x"), body);
                        assertTrue(seen.put(body, true) == null, "distinct copies");
                        if (received.incrementAndGet() == 2) {
                          ctx.completeNow();
                        }
                      }));
    }
    vertx.setTimer(50, id -> vertx.eventBus().publish("news", Pickled.of(new ArrayList<>(List.of("x")))));
  }

  @Test
  void send_withCodecNamedExplicitly_works(Vertx vertx, VertxTestContext ctx) {
    vertx
        .eventBus()
        .<Pickled>consumer(
            "named",
            message ->
                ctx.verify(
                    () -> {
                      assertEquals("n", message.body().get());
                      ctx.completeNow();
                    }))
        .completion()
        .onComplete(
            ctx.succeeding(
                v ->
                    vertx
                        .eventBus()
                        .send(
                            "named",
                            Pickled.of("n"),
                            new DeliveryOptions().setCodecName(KryoMessageCodec.NAME))));
  }

  @Test
  void encodeToWireAndDecodeFromWire_roundTrip_honouringThePosition() {
    KryoMessageCodec codec = new KryoMessageCodec();
    Pickled pickled = Pickled.of(new Job("wire", List.of(7)));
    Buffer buffer = Buffer.buffer().appendString("some header bytes");
    int position = buffer.length();
    codec.encodeToWire(buffer, pickled);
    buffer.appendString("trailing bytes of the next frame");
    Pickled decoded = codec.decodeFromWire(position, buffer);
    assertEquals(pickled.size(), decoded.size());
    assertEquals(new Job("wire", List.of(7)), decoded.get());
  }

  @Test
  void transform_givesANewPickledOverTheSameBytes() {
    KryoMessageCodec codec = new KryoMessageCodec();
    Pickled pickled = Pickled.of(new ArrayList<>(List.of(1)));
    Pickled transformed = codec.transform(pickled);
    assertNotSame(pickled, transformed);
    assertSame(pickled.bytes(), transformed.bytes());
    assertNotSame(pickled.get(), transformed.get());
  }

  @Test
  void nameAndSystemCodecId() {
    KryoMessageCodec codec = new KryoMessageCodec();
    assertEquals("mp-kryo", codec.name());
    assertEquals(-1, codec.systemCodecID());
  }
}
