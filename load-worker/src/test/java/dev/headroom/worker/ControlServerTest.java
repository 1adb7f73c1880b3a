package dev.headroom.worker;

import static dev.headroom.testing.Plans.get;
import static dev.headroom.testing.Plans.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.engine.GeneratorVertx;
import dev.headroom.engine.LoadWorker;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.report.IntervalBatch;
import dev.headroom.target.DemoTarget;
import dev.headroom.target.DemoTargetOptions;
import dev.headroom.testing.Await;
import dev.headroom.testing.Plans;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker contract over real HTTP: token, start, rate, intervals, stop. */
class ControlServerTest {

  static final String TOKEN = "s3cret-run-token";
  static final Duration T = Duration.ofSeconds(10);

  Vertx vertx;
  DemoTarget target;
  ControlServer server;
  HttpClient client;

  record Reply(int status, JsonNode json) {}

  @BeforeEach
  void start() {
    vertx = GeneratorVertx.create(2);
    target = Await.result(DemoTarget.start(vertx, DemoTargetOptions.defaults().withPort(0)
        .withConcurrency(100).withServiceTime(Duration.ofMillis(1))), T);
    ExecutionPlan plan = Plans.open(target.url(), 4, "1s", List.of(get("r", "/", 1)), rate("30s", 50));
    LoadWorker worker = Await.result(LoadWorker.create(vertx, plan, 0, 1, LoadWorker.Options.defaults()), T);
    server = Await.result(ControlServer.start(vertx, worker, TOKEN, "127.0.0.1", 0), T);
    client = vertx.createHttpClient();
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close(), T);
  }

  Reply call(HttpMethod method, String uri, String token, String body) {
    return call(server.port(), method, uri, token, body);
  }

  Reply call(int port, HttpMethod method, String uri, String token, String body) {
    RequestOptions o = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri);
    if (token != null) {
      o.putHeader("Authorization", "Bearer " + token);
    }
    // The body handler must be set in the same callback that receives the response, or a
    // response that arrives fast can be read before anyone listens.
    Future<Reply> f = client.request(o)
        .compose(req -> (body == null ? req.send() : req.send(Buffer.buffer(body)))
            .compose(resp -> resp.body().map(b -> {
              try {
                return new Reply(resp.statusCode(), WireJson.MAPPER.readTree(b.getBytes()));
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            })));
    return Await.result(f, T);
  }

  @Test
  void readyIsOpenEverythingElseNeedsTheRunsToken() {
    Reply ready = call(HttpMethod.GET, "/ready", null, null);
    assertEquals(200, ready.status());
    assertEquals("ready", ready.json().get("state").asText());
    // The transport the generator really runs on; this JVM is on Linux x86_64 with Netty's epoll jar.
    assertEquals(GeneratorVertx.nativeTransport() ? "epoll" : "nio", ready.json().get("transport").asText());
    assertEquals(!GeneratorVertx.nativeTransport(), ready.json().has("transportProblem"), ready.json().toString());

    assertEquals(401, call(HttpMethod.GET, "/intervals", null, null).status());
    assertEquals(401, call(HttpMethod.GET, "/intervals", "wrong", null).status());
    assertEquals(401, call(HttpMethod.POST, "/start", null, "{\"startAt\": 0}").status());
    assertEquals(401, call(HttpMethod.POST, "/stop", TOKEN + "x", null).status());
    Reply intervals = call(HttpMethod.GET, "/intervals?after=-1", TOKEN, null);
    assertEquals(200, intervals.status());
    assertEquals(!GeneratorVertx.nativeTransport(), intervals.json().has("transportProblem"), intervals.json().toString());
  }

  /** A worker on NIO says so with every batch, since the collector asks nothing else mid-run. */
  @Test
  void aWorkerOnNioSaysWhyWithEveryBatch() {
    Vertx nio = Vertx.vertx(); // native transport not requested
    try {
      LoadWorker worker = Await.result(LoadWorker.create(nio, Plans.open(target.url(), 1, "1s",
          List.of(get("r", "/", 1)), rate("1s", 1)), 0, 1, LoadWorker.Options.defaults()), T);
      ControlServer onNio = Await.result(ControlServer.start(nio, worker, TOKEN, "127.0.0.1", 0), T);
      JsonNode batch = call(onNio.port(), HttpMethod.GET, "/intervals?after=-1", TOKEN, null).json();
      assertFalse(batch.path("transportProblem").asText().isBlank(), batch.toString());
    } finally {
      Await.result(nio.close(), T);
    }
  }

  @Test
  void startRateStopAndCollect() throws Exception {
    assertEquals(400, call(HttpMethod.POST, "/start", TOKEN, "not json").status());
    assertEquals(400, call(HttpMethod.POST, "/start", TOKEN, "{}").status());
    assertEquals(409, call(HttpMethod.POST, "/rate", TOKEN, "{\"rate\": 100}").status(), "not running yet");

    long startAt = System.currentTimeMillis() + 100;
    assertEquals(200, call(HttpMethod.POST, "/start", TOKEN, "{\"startAt\": " + startAt + "}").status());
    assertEquals(200, call(HttpMethod.POST, "/start", TOKEN, "{\"startAt\": " + startAt + "}").status(),
        "the same start again is the same start");
    Reply other = call(HttpMethod.POST, "/start", TOKEN, "{\"startAt\": " + (startAt + 1) + "}");
    assertEquals(409, other.status(), "a started worker takes no other start");
    assertEquals(startAt, other.json().get("startAt").asLong(), "and says when it started");
    assertEquals(400, call(HttpMethod.POST, "/rate", TOKEN, "{\"rate\": -1}").status());
    Reply step = call(HttpMethod.POST, "/rate", TOKEN, "{\"rate\": 100, \"at\": " + (startAt + 1000) + "}");
    assertEquals(200, step.status());
    assertEquals(1, step.json().get("step").asInt(), "the plan has one stage; the first step is stage 1");
    assertEquals(startAt + 1000, step.json().get("at").asLong(), "a change asked for in time starts when asked");
    Reply again = call(HttpMethod.POST, "/rate", TOKEN, "{\"rate\": 100, \"at\": " + (startAt + 5000) + ", \"step\": 1}");
    assertEquals(200, again.status(), "the same step at the same rate is the same step");
    assertEquals(startAt + 1000, again.json().get("at").asLong(), "and keeps the instant it took effect");
    Reply otherRate = call(HttpMethod.POST, "/rate", TOKEN, "{\"rate\": 120, \"step\": 1}");
    assertEquals(409, otherRate.status(), "a step taken runs at its own rate");
    assertEquals(100.0, otherRate.json().get("rate").asDouble(), "and the answer says which");
    assertEquals(409, call(HttpMethod.POST, "/rate", TOKEN, "{\"rate\": 100, \"step\": 3}").status(),
        "no step may be skipped: workers would tag the same time differently");
    assertEquals(400, call(HttpMethod.POST, "/rate", TOKEN, "{\"rate\": 100, \"step\": -2}").status());

    Await.until("a step-1 interval", T, () -> batch(-1).intervals().stream().anyMatch(r -> r.stage() == 1));
    assertEquals(200, call(HttpMethod.POST, "/stop", TOKEN, "{}").status());
    Await.until("finished", T, () -> batch(-1).finished());

    IntervalBatch all = batch(-1);
    assertTrue(all.intervals().size() >= 2);
    IntervalBatch tail = batch(0);
    assertEquals(all.intervals().size() - 1, tail.intervals().size(), "after=seq returns later intervals only");
    long stage1 = all.intervals().stream().filter(r -> r.stage() == 1).count();
    assertTrue(stage1 >= 1);
  }

  @Test
  void stopAsksToExitOnlyOnceTheRunHasFinished() {
    AtomicInteger exits = new AtomicInteger();
    server.onStopAfterFinished(exits::incrementAndGet);
    long startAt = System.currentTimeMillis() + 100;
    assertEquals(200, call(HttpMethod.POST, "/start", TOKEN, "{\"startAt\": " + startAt + "}").status());
    Reply stopping = call(HttpMethod.POST, "/stop", TOKEN, "{}");
    assertEquals("running", stopping.json().get("state").asText(), "the last interval is still open");
    Await.until("finished", T, () -> batch(-1).finished());
    assertEquals(0, exits.get(), "a stop that found the run going must not end the worker");

    Reply stopped = call(HttpMethod.POST, "/stop", TOKEN, "{}");
    assertEquals(200, stopped.status());
    assertEquals("finished", stopped.json().get("state").asText());
    Await.until("the exit hook", T, () -> exits.get() == 1);
  }

  @Test
  void aWorkerStoppedBeforeItsStartAlsoAsksToExit() {
    AtomicInteger exits = new AtomicInteger();
    server.onStopAfterFinished(exits::incrementAndGet);
    assertEquals(401, call(HttpMethod.POST, "/stop", "wrong", "{}").status());
    assertEquals(0, exits.get(), "only the run's token can end a worker");
    assertEquals(200, call(HttpMethod.POST, "/stop", TOKEN, "{}").status());
    Await.until("the exit hook", T, () -> exits.get() == 1);
  }

  @Test
  void anAcknowledgedIntervalIsDroppedAndNeverServedAgain() {
    long startAt = System.currentTimeMillis() + 100;
    assertEquals(200, call(HttpMethod.POST, "/start", TOKEN, "{\"startAt\": " + startAt + "}").status());
    Await.until("three intervals", T, () -> batch(-1).intervals().size() >= 3);
    assertEquals(400, call(HttpMethod.GET, "/intervals?after=-1&ack=x", TOKEN, null).status());
    IntervalBatch before = batch(-1);
    assertEquals(-1, before.droppedUpTo(), "nothing acknowledged yet");
    long mark = before.intervals().get(1).seq();

    IntervalBatch acked = batch(-1, mark);
    assertEquals(mark, acked.droppedUpTo());
    assertTrue(acked.intervals().stream().allMatch(r -> r.seq() > mark), "acknowledged intervals are gone");
    assertEquals(before.intervals().get(2).seq(), acked.intervals().get(0).seq(), "and the rest is all there");
    assertEquals(mark, batch(-1, mark - 1).droppedUpTo(), "an acknowledgement never goes back");

    // Held intervals are bounded by the gap between acknowledgements, not by the run's length.
    IntervalBatch all = batch(-1, Long.MAX_VALUE / 2);
    assertTrue(all.intervals().isEmpty(), "the worker keeps nothing acknowledged");
    assertTrue(all.droppedUpTo() > mark, "acknowledging beyond what was sent stops at what was sent: " + all.droppedUpTo());
    Await.until("a later interval", T, () -> !batch(-1).intervals().isEmpty());
    assertEquals(all.droppedUpTo() + 1, batch(-1).intervals().get(0).seq(), "later intervals are kept whole");
  }

  IntervalBatch batch(long after) {
    return batch(after, -1);
  }

  IntervalBatch batch(long after, long ack) {
    Reply r = call(HttpMethod.GET, "/intervals?after=" + after + (ack >= 0 ? "&ack=" + ack : ""), TOKEN, null);
    try {
      assertEquals(200, r.status(), String.valueOf(r.json()));
      return WireJson.MAPPER.treeToValue(r.json(), IntervalBatch.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
