package dev.headroom.e2e.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.e2e.ClusterExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live metrics through a real Prometheus (Debian's {@code prometheus}, a local process scraping
 * the operator pod every second): after a short run with failing requests, every query of the
 * chart's Grafana dashboard returns data for that LoadTest (those of other kinds of run, a capacity
 * search's steps and a run of scenarios' journeys, return none for it and data for such a run beside
 * it), and the counters' values equal the status totals.
 */
@ExtendWith({ClusterExtension.class, HeadroomExtension.class})
class MetricsIT {

  private static final String PROMETHEUS = "/usr/bin/prometheus";
  private static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** One request in four fails with a 500, so errors by kind have a series too. */
  private static final String RUN = """
      apiVersion: headroom.dev/v1alpha1
      kind: LoadTest
      metadata: {name: watched}
      spec:
        target: {url: "http://demo-target:8080", timeout: 2s}
        requests:
          - {name: browse, path: /products, weight: 3}
          - {name: broken, path: /status/500, weight: 1}
        load: {stages: [{duration: 6s, rate: 40}]}
        workers: {replicas: 2}
      """;
  /** A short capacity search beside it, so the dashboard's capacity-step query has a run to show. */
  private static final String SEARCH = """
      apiVersion: headroom.dev/v1alpha1
      kind: LoadTest
      metadata: {name: searched}
      spec:
        target: {url: "http://demo-target:8080", timeout: 2s}
        requests: [{name: browse, path: /products}]
        capacity: {slo: {p99: 500ms}, startRate: 50, maxRate: 100, stepDuration: 3s, settle: 1s}
      """;

  /**
   * A short run of scenarios beside them, so the dashboard's journey queries have a run to show:
   * its rate counts journeys, of two requests each.
   */
  private static final String JOURNEYS = """
      apiVersion: headroom.dev/v1alpha1
      kind: LoadTest
      metadata: {name: journeyed}
      spec:
        target: {url: "http://demo-target:8080", timeout: 2s}
        scenarios:
          - name: browse
            steps:
              - request: {name: home, path: /products}
              - request: {name: again, path: /products}
        load: {stages: [{duration: 6s, rate: 10}]}
      """;

  private final HeadroomInstall headroom;
  private final LoadTests loadTests;
  private final HttpClient http = HttpClient.newHttpClient();

  MetricsIT(HeadroomInstall headroom, LoadTests loadTests) {
    this.headroom = headroom;
    this.loadTests = loadTests;
  }

  @Test
  void everyDashboardQueryHasDataAndTheCountersEqualTheStatusTotals() throws Exception {
    Path dir = Files.createTempDirectory("headroom-prometheus-");
    int port = HeadroomInstall.freePort();
    Process prometheus = startPrometheus(dir, port);
    try {
      awaitQuery(port, "Prometheus to scrape the operator (log: " + dir.resolve("prometheus.log") + ")",
          () -> values(port, "up{job=\"headroom\"}").equals(List.of("1")));
      loadTests.create(RUN);
      loadTests.create(SEARCH);
      loadTests.create(JOURNEYS);
      LoadTestStatus s = loadTests.awaitEnd("watched", 1).getStatus();
      LoadTestStatus searched = loadTests.awaitEnd("searched", 1).getStatus();
      LoadTestStatus journeyed = loadTests.awaitEnd("journeyed", 1).getStatus();
      assertEquals(LoadTestPhase.Succeeded, searched.getPhase(), () -> loadTests.describe("searched"));
      assertEquals(LoadTestPhase.Succeeded, journeyed.getPhase(), () -> loadTests.describe("journeyed"));
      assertEquals(LoadTestPhase.Succeeded, s.getPhase(), () -> loadTests.describe("watched"));
      assertTrue(s.getSummary().errors() > 0, "the run had failures to count: " + s.getSummary());

      String selector = "namespace=\"" + headroom.namespace() + "\", name=\"watched\"";
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("sum(headroom_run_requests_total{" + selector + "})", Long.toString(s.getSummary().requests()));
      expected.put("sum(headroom_run_errors_total{" + selector + "})", Long.toString(s.getSummary().errors()));
      expected.put("headroom_runs_total{" + selector + ", verdict=\"" + s.getVerdict() + "\"}", "1");
      // The last pull before the status write set the counters; Prometheus has them a scrape later.
      awaitQuery(port, "the counters to reach the status totals " + expected, () -> {
        for (Map.Entry<String, String> e : expected.entrySet()) {
          List<String> values = values(port, e.getKey());
          if (!values.equals(List.of(e.getValue()))) {
            return false;
          }
        }
        return true;
      });

      // A planned run of requests has no capacity steps and no journeys: those queries answer with
      // nothing for it, with the search's steps for the search and with the journeys for the run of
      // scenarios, which has no target of requests (its rate counts journeys); every other query has
      // data for the planned run.
      String step = "headroom_run_capacity_step_rps";
      String journeys = "journeys";
      List<String> expectData = new ArrayList<>(dashboardQueries(headroom.namespace(), "watched").stream()
          .filter(q -> !q.contains(step) && !q.contains(journeys)).toList());
      List<String> expectNone = new ArrayList<>(dashboardQueries(headroom.namespace(), "watched").stream()
          .filter(q -> q.contains(step) || q.contains(journeys)).toList());
      List<String> searchSteps = dashboardQueries(headroom.namespace(), "searched").stream()
          .filter(q -> q.contains(step)).toList();
      assertEquals(1, searchSteps.size(), "the dashboard has a capacity-step panel");
      expectData.addAll(searchSteps);
      List<String> journeyRates = dashboardQueries(headroom.namespace(), "journeyed").stream()
          .filter(q -> q.contains(journeys)).toList();
      assertEquals(2, journeyRates.size(), "the dashboard has journeys achieved and their target");
      expectData.addAll(journeyRates);
      expectNone.addAll(dashboardQueries(headroom.namespace(), "journeyed").stream()
          .filter(q -> q.contains("headroom_run_target_rps")).toList());
      List<String> wrong = new ArrayList<>();
      try {
        awaitQuery(port, "every dashboard query to return data", () -> {
          wrong.clear();
          expectData.stream().filter(q -> values(port, q).isEmpty()).forEach(wrong::add);
          expectNone.stream().filter(q -> !values(port, q).isEmpty()).forEach(wrong::add);
          return wrong.isEmpty();
        });
      } catch (AssertionError e) {
        throw new AssertionError("queries answering otherwise than they should: " + wrong, e);
      }
    } finally {
      prometheus.destroy();
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
  }

  /** Prometheus on loopback, scraping only the operator pod, its data in {@code dir}. */
  private Process startPrometheus(Path dir, int port) throws IOException {
    Path config = Files.writeString(dir.resolve("prometheus.yml"), """
        global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s}
        scrape_configs:
          - job_name: headroom
            static_configs: [{targets: ['%s']}]
        """.formatted(headroom.metricsTarget()));
    return new ProcessBuilder(PROMETHEUS, "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
  }

  /**
   * The dashboard's PromQL, its variables set to this LoadTest: {@code $__rate_interval} as Grafana
   * would make it of a 1 s scrape interval, at least four of them.
   */
  private static List<String> dashboardQueries(String namespace, String name) throws IOException {
    JsonNode dashboard = JSON.readTree(HeadroomInstall.repo().resolve("helm/headroom/dashboards/headroom.json").toFile());
    List<String> out = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        out.add(target.path("expr").asText().replace("$namespace", namespace).replace("$name", name)
            .replace("$__rate_interval", "4s"));
      }
    }
    assertTrue(out.size() >= 9, "the dashboard's queries: " + out);
    return out;
  }

  /** The values of an instant query's result, one per series; fails on anything but success. */
  private List<String> values(int port, String query) {
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
        + URLEncoder.encode(query, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(r.body());
      assertEquals("success", body.path("status").asText(), () -> query + ": " + r.body());
      List<String> values = new ArrayList<>();
      body.at("/data/result").forEach(series -> values.add(series.at("/value/1").asText()));
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @FunctionalInterface
  private interface Check {
    boolean holds() throws IOException;
  }

  /** Polls {@code check} until it holds; connection refused counts as not yet (Prometheus starting). */
  private static void awaitQuery(int port, String what, Check check) throws Exception {
    Instant deadline = Instant.now().plus(PROMETHEUS_TIMEOUT);
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (UncheckedIOException | IOException e) {
        last = e;
      }
      TimeUnit.MILLISECONDS.sleep(250); // a poll interval, not a synchronisation: the deadline decides
    }
    throw new AssertionError("timed out after " + PROMETHEUS_TIMEOUT + " waiting for " + what + " on :" + port, last);
  }
}
