package dev.headroom.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTestPhase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The probe and metrics endpoints over real HTTP on loopback. */
class EndpointServerTest {

  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  HttpResponse<String> get(int port, String path, String method) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody()).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void probesAnswerFromTheStateTheyAreGiven() throws Exception {
    AtomicBoolean started = new AtomicBoolean();
    try (EndpointServer server = EndpointServer.start("health", "127.0.0.1", 0, Map.of(
        "/readyz", () -> EndpointServer.Reply.text(started.get(), started.get() ? "started" : "starting"),
        "/healthz", () -> { throw new IllegalStateException("broken"); }))) {
      assertEquals(503, get(server.port(), "/readyz", "GET").statusCode());
      started.set(true);
      HttpResponse<String> ready = get(server.port(), "/readyz", "GET");
      assertEquals(200, ready.statusCode());
      assertEquals("started\n", ready.body());
      assertEquals(500, get(server.port(), "/healthz", "GET").statusCode());
      assertEquals(404, get(server.port(), "/readyz/more", "GET").statusCode());
      assertEquals(404, get(server.port(), "/", "GET").statusCode());
      assertEquals(405, get(server.port(), "/readyz", "POST").statusCode());
    }
  }

  @Test
  void metricsCountLoadTestsByPhaseAndMergedIntervals() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    OperatorMetrics metrics = new OperatorMetrics(registry);
    metrics.phase("ns/a", LoadTestPhase.Running);
    metrics.phase("ns/b", LoadTestPhase.Running);
    metrics.phase("ns/c", LoadTestPhase.Succeeded);
    metrics.phase("ns/b", LoadTestPhase.Failed);
    metrics.forget("ns/c");
    metrics.intervalMerged();
    metrics.intervalMerged();
    try (EndpointServer server = EndpointServer.start("metrics", "127.0.0.1", 0, Map.of(
        "/metrics", () -> new EndpointServer.Reply(200, "text/plain", registry.scrape())))) {
      String body = get(server.port(), "/metrics", "GET").body();
      assertTrue(body.contains("headroom_loadtests{phase=\"Running\"} 1.0"), body);
      assertTrue(body.contains("headroom_loadtests{phase=\"Failed\"} 1.0"), body);
      assertTrue(body.contains("headroom_loadtests{phase=\"Succeeded\"} 0.0"), body);
      assertTrue(body.contains("headroom_worker_intervals_merged_total 2.0"), body);
    }
  }

  @Test
  void aStandbyExportsNoLoadTestCountsUntilItLeads() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    OperatorMetrics standby = new OperatorMetrics(registry, OperatorMetrics.DEFAULT_RETENTION, false);
    assertFalse(registry.scrape().contains("headroom_loadtests"), registry.scrape());
    standby.lead();
    standby.phase("ns/a", LoadTestPhase.Running);
    assertTrue(registry.scrape().contains("headroom_loadtests{phase=\"Running\"} 1.0"), registry.scrape());
    standby.lead();
    assertEquals(1, registry.find("headroom.loadtests").tag("phase", "Running").gauges().size(), "registered once");
  }
}
