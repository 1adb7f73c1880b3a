package dev.headroom.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo target over real loopback HTTP. */
class DemoTargetTest {

  private static final long TIMEOUT_SECONDS = 10;
  private static final DemoTargetOptions LOCAL = DemoTargetOptions.defaults().withPort(0);

  private static Vertx vertx;
  private DemoTarget target;
  private HttpClientAgent client;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
  }

  @AfterAll
  static void closeVertx() throws Exception {
    await(vertx.close());
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      await(client.close());
    }
    if (target != null) {
      await(target.close());
    }
  }

  @Test
  void servesConcurrencyOverServiceTimeRequestsPerSecond() throws Exception {
    start(LOCAL.withConcurrency(4).withServiceTime(Duration.ofMillis(10)));
    // 64 requests outstanding: without the limit of 4 this would run as fast as the client can.
    double rps = closedLoopRate(64, 40, 400);
    assertEquals(400, rps, 400 * 0.15, "achieved rps");
  }

  @Test
  void fractionalMillisecondServiceTimesKeepTheirCapacity() throws Exception {
    start(LOCAL.withConcurrency(1).withServiceTime(Duration.ofNanos(1_500_000)));
    // Rounded to whole milliseconds (as Vert.x's millisecond timers would) this gives 500 rps, not 667.
    double rps = closedLoopRate(64, 60, 400);
    assertEquals(667, rps, 667 * 0.15, "achieved rps");
  }

  @Test
  void aRequestArrivingDuringAFreezeIsAnsweredOnlyAfterItEnds() throws Exception {
    // The first freeze starts with the target.
    start(LOCAL.withFreezes(Duration.ofMillis(300), Duration.ofHours(1)));
    long sent = System.nanoTime();
    assertTrue(target.isFrozenAt(sent), "precondition: sent during the first freeze");

    Reply reply = await(get("/"));
    long received = System.nanoTime();

    assertEquals(200, reply.status());
    assertTrue(received >= target.freezes().thawAt(sent),
        "answered " + (target.freezes().thawAt(sent) - received) / 1_000_000 + "ms before the freeze ended");
    assertEquals(200, await(get("/")).status(), "service resumes after the freeze");
    assertEquals(2, target.served());
  }

  @Test
  void serviceInProgressPausesForAFreezeAndFinishesAfterIt() throws Exception {
    long freezeStart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    start(LOCAL.withServiceTime(Duration.ofMillis(200))
        .withFreezes(Duration.ofMillis(300), Duration.ofHours(1))
        .withFreezeEpochNanos(freezeStart));
    long sent = System.nanoTime();

    await(get("/"));
    long took = System.nanoTime() - sent;

    // Had the freeze only held the response back, it would come at the thaw, 350ms after sending.
    assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(200 + 300), "took " + took / 1_000_000 + "ms");
  }

  @Test
  void anyOtherPathAnswersOkAndIsCounted() throws Exception {
    start(LOCAL);
    Reply reply = await(get("/products?page=2"));
    assertEquals(200, reply.status());
    assertEquals("ok\n", reply.body());
    assertEquals(1, target.served());
  }

  @Test
  void statusPathAnswersThatStatus() throws Exception {
    start(LOCAL);
    assertEquals(503, await(get("/status/503")).status());
    assertEquals(204, await(get("/status/204")).status());
    Reply bad = await(get("/status/abc"));
    assertEquals(400, bad.status());
    assertTrue(bad.body().contains("status"), bad.body());
  }

  @Test
  void delayPathAnswersAfterThatLong() throws Exception {
    start(LOCAL);
    long sent = System.nanoTime();
    Reply reply = await(get("/delay/200ms"));
    long took = System.nanoTime() - sent;
    assertEquals(200, reply.status());
    assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(200), "took " + took / 1_000_000 + "ms");
    assertEquals(400, await(get("/delay/soon")).status());
  }

  @Test
  void bytesPathAnswersThatManyBytes() throws Exception {
    start(LOCAL);
    Reply reply = await(get("/bytes/100000"));
    assertEquals(200, reply.status());
    assertEquals(100_000, reply.body().length());
    assertEquals(0, await(get("/bytes/0")).body().length());
    assertEquals(400, await(get("/bytes/-1")).status());
  }

  @Test
  void headerPathServesOnlyARequestWhoseHeaderHasTheHashedValue() throws Exception {
    start(LOCAL);
    // printf 'Bearer demo-token' | sha256sum
    String path = "/header/authorization/69e93f56f608ffb80103fbe22005640947a5847540b24ee5f5479f3531602996";
    assertEquals(200, await(get(path, "Authorization", "Bearer demo-token")).status());
    assertEquals(200, await(get(path.toUpperCase(java.util.Locale.ROOT).replace("/HEADER/", "/header/"),
        "Authorization", "Bearer demo-token")).status(), "header names and hex digits in any case");
    Reply other = await(get(path, "Authorization", "Bearer other"));
    assertEquals(403, other.status());
    assertEquals("header authorization has another value\n", other.body());
    assertEquals("header authorization is missing\n", await(get(path)).body());
    assertEquals(400, await(get("/header/authorization/abc")).status());
    assertEquals(400, await(get("/header/69e93f56f608ffb80103fbe22005640947a5847540b24ee5f5479f3531602996")).status());
  }

  @Test
  void resetPathClosesTheConnectionWithoutAResponse() throws Exception {
    start(LOCAL);
    assertThrows(Exception.class, () -> await(get("/reset")));
    assertEquals(0, target.served());
  }

  @Test
  void closePathAnswersThenClosesTheConnection() throws Exception {
    start(LOCAL);
    NetClient net = vertx.createNetClient();
    NetSocket socket = await(net.connect(target.port(), "127.0.0.1"));
    Buffer received = Buffer.buffer();
    Promise<Void> closed = Promise.promise();
    socket.handler(received::appendBuffer);
    socket.closeHandler(ignored -> closed.complete());
    socket.write("GET /close HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    await(closed.future());
    await(net.close());

    String response = received.toString().toLowerCase();
    assertTrue(response.startsWith("http/1.1 200"), response);
    assertTrue(response.contains("connection: close"), response);
  }

  @Test
  void speaksHttp2WithPriorKnowledge() throws Exception {
    start(LOCAL);
    HttpClientAgent h2 = vertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    try {
      HttpVersion version = await(h2.request(HttpMethod.GET, target.port(), "127.0.0.1", "/")
          .compose(request -> request.send())
          .map(response -> response.version()));
      assertEquals(HttpVersion.HTTP_2, version);
    } finally {
      await(h2.close());
    }
  }

  @Test
  void targetsOnEphemeralPortsGetTheirOwnPortAndStopListeningWhenClosed() throws Exception {
    start(LOCAL);
    DemoTarget other = await(DemoTarget.start(vertx, LOCAL));
    assertNotEquals(target.port(), other.port());
    assertTrue(other.port() > 0);
    await(other.close());

    HttpClientAgent fresh = vertx.createHttpClient();
    try {
      assertThrows(Exception.class,
          () -> await(fresh.request(HttpMethod.GET, other.port(), "127.0.0.1", "/").compose(r -> r.send())));
    } finally {
      await(fresh.close());
    }
    assertEquals(200, await(get("/")).status(), "the first target is unaffected");
  }

  private void start(DemoTargetOptions options) throws Exception {
    target = await(DemoTarget.start(vertx, options));
    client = vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(target.port()),
        new PoolOptions().setHttp1MaxSize(64));
  }

  /** The demo shop: a token from /login opens /session/..., and nothing else does. */
  @Test
  void aLoginsTokenOpensTheSessionPathsAndNothingElseDoes() throws Exception {
    start(LOCAL);
    Reply login = await(get("/login"));
    assertEquals(200, login.status());
    assertEquals("application/json", login.headers().get("Content-Type"));
    String token = new JsonObject(login.body()).getString("token");
    assertEquals(200, await(get("/session/cart/1", "Authorization", "Bearer " + token)).status());
    assertEquals(401, await(get("/session/cart/1")).status(), "no token");
    assertEquals(401, await(get("/session/cart/1", "Authorization", "Bearer " + token + "x")).status(), "altered");
    String other = new JsonObject(await(get("/login")).body()).getString("token");
    assertNotEquals(token, other, "each login its own token");
    assertEquals(401, await(get("/session/cart/1", "Authorization", "Bearer " + other.replace('.', '-'))).status());
  }

  private record Reply(int status, String body, MultiMap headers) {}

  private Future<Reply> get(String uri, String... headers) {
    return client.request(HttpMethod.GET, uri)
        .compose(request -> {
          for (int i = 0; i < headers.length; i += 2) {
            request.putHeader(headers[i], headers[i + 1]);
          }
          return request.send();
        })
        .compose(response -> response.body()
            .map(body -> new Reply(response.statusCode(), body.toString(), response.headers())));
  }

  /**
   * Keeps {@code outstanding} requests in flight until {@code warmup + measured} have been answered,
   * and returns the rate of the last {@code measured} answers: the median over every window of half
   * of them, so a stall of this shared machine at either end of one window does not skew the result.
   */
  private double closedLoopRate(int outstanding, int warmup, int measured) throws Exception {
    int total = warmup + measured;
    AtomicLongArray answeredAt = new AtomicLongArray(total);
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger recorded = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    Runnable[] sendNext = new Runnable[1];
    sendNext[0] = () -> {
      if (sent.getAndIncrement() >= total) {
        return;
      }
      get("/").onComplete(reply -> {
        if (reply.failed() || reply.result().status() != 200) {
          done.tryFail(reply.failed() ? reply.cause() : new AssertionError("status " + reply.result().status()));
          return;
        }
        int index = answered.getAndIncrement();
        answeredAt.set(index, System.nanoTime());
        if (recorded.incrementAndGet() == total) {
          done.tryComplete();
        }
        sendNext[0].run();
      });
    };
    for (int i = 0; i < outstanding; i++) {
      sendNext[0].run();
    }
    await(done.future());
    long[] times = new long[total];
    for (int i = 0; i < total; i++) {
      times[i] = answeredAt.get(i);
    }
    Arrays.sort(times);
    int window = measured / 2;
    double[] rates = new double[measured - window];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = window * 1e9 / (times[warmup + i + window] - times[warmup + i]);
    }
    Arrays.sort(rates);
    return rates[rates.length / 2];
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
