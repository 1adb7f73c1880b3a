package dev.headroom.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.HttpVersion;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransportsTest {

  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    Lane.await(vertx.close().toCompletionStage().toCompletableFuture());
  }

  @Test
  void versionPicksTheTransport() {
    Lane lane = new Lane(vertx);
    Transport h1 = lane.transport(plan(HttpVersion.HTTP_1_1));
    Transport h2 = lane.transport(plan(HttpVersion.HTTP_2));
    assertInstanceOf(Http1Transport.class, h1);
    assertInstanceOf(Http2Transport.class, h2);
    lane.run(h1::close);
    lane.run(h2::close);
  }

  @Test
  void refusesToBeMadeOffAnEventLoop() {
    var e = assertThrows(IllegalStateException.class, () -> Transports.forPlan(vertx, plan(HttpVersion.HTTP_1_1)));
    assertEquals("transports must be created on a lane's event-loop context", e.getMessage());
  }

  @Test
  void connectionsRefuseToBeUsedFromAnotherThread() {
    Lane lane = new Lane(vertx);
    Transport t = lane.transport(plan(HttpVersion.HTTP_1_1));
    Connection c = lane.call(() -> t.open(0, new RecordingListener()));
    assertThrows(IllegalStateException.class, c::connect);
    lane.run(t::close);
  }

  @Test
  void connectTimeoutIsThePlanTimeoutUpToTenSeconds() {
    assertEquals(2000, Transports.connectTimeoutMillis(withTimeout(Duration.ofSeconds(2))));
    assertEquals(10_000, Transports.connectTimeoutMillis(withTimeout(Duration.ofMinutes(1))));
  }

  private static ExecutionPlan plan(HttpVersion version) {
    return Lane.plan("http://127.0.0.1:1", false, version, TransportContractTest.get(0, "/"));
  }

  private static ExecutionPlan withTimeout(Duration timeout) {
    ExecutionPlan p = plan(HttpVersion.HTTP_1_1);
    return new ExecutionPlan(p.endpoint(), p.httpVersion(), p.connections(), timeout.toNanos(), p.requests(), p.mix(),
        p.model(), p.warmupNanos(), p.stages());
  }
}
