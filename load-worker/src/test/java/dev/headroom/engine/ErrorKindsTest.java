package dev.headroom.engine;

import static dev.headroom.testing.Plans.get;
import static dev.headroom.testing.Plans.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.ExecutionPlan;
import dev.headroom.target.DemoTarget;
import dev.headroom.target.DemoTargetOptions;
import dev.headroom.testing.DemoTargetExtension;
import dev.headroom.testing.Plans;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each way a request can fail is counted under its own kind, and every request is counted. */
class ErrorKindsTest {

  @RegisterExtension static final DemoTargetExtension TARGET = DemoTargetExtension.fast(100);

  private static WorkerRuns.Totals run(String url, String path, String timeout, int connections) {
    ExecutionPlan plan = Plans.open(url, connections, timeout, List.of(get("r", path, 1)), rate("1s", 20));
    return WorkerRuns.Totals.of(WorkerRuns.run(TARGET.vertx(), plan, 1, Duration.ofSeconds(20)), null);
  }

  @Test
  void unexpectedStatusesAreCountedByStatus() {
    WorkerRuns.Totals t = run(TARGET.url(), "/status/503", "2s", 4);
    assertEquals(20, t.count);
    assertEquals(Map.of("status_503", 20L), t.errors);
    assertEquals(20, t.latency.getTotalCount(), "a response, even a 503, has a latency");
  }

  @Test
  void slowResponsesTimeOut() {
    WorkerRuns.Totals t = run(TARGET.url(), "/delay/2s", "200ms", 32);
    assertEquals(20, t.count);
    assertEquals(Map.of("timeout", 20L), t.errors);
  }

  @Test
  void refusedConnectionsAreConnectErrors() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    WorkerRuns.Totals t = run("http://127.0.0.1:" + closedPort, "/", "1s", 4);
    assertEquals(20, t.count);
    assertEquals(Map.of("connect", 20L), t.errors);
  }

  @Test
  void connectionsDroppedMidRequestAreResets() {
    WorkerRuns.Totals t = run(TARGET.url(), "/reset", "2s", 4);
    assertEquals(20, t.count);
    assertEquals(Map.of("reset", 20L), t.errors);
  }

  @Test
  void aFullWaitQueueFailsFastAsOverloadAndNothingIsLost() {
    // One connection, a target taking 300 ms, 50 rps: the connection can carry a handful, three
    // may wait, the rest must be refused at once rather than queued without bound.
    ExecutionPlan plan = Plans.open(TARGET.url(), 1, "2s", List.of(get("r", "/delay/300ms", 1)), rate("1s", 50));
    WorkerRuns.Totals t = WorkerRuns.Totals.of(WorkerRuns.run(TARGET.vertx(), plan, 1,
        new LoadWorker.Options(1, 3), Duration.ofSeconds(20), w -> {}), null);
    assertEquals(50, t.count, "every scheduled request is recorded or an error");
    long overload = t.errors.getOrDefault("overload", 0L);
    assertTrue(overload >= 35, "most were refused as overload: " + t.errors);
    assertEquals(t.count, t.latency.getTotalCount() + t.errors(), "responses + errors = requests");
  }
}
