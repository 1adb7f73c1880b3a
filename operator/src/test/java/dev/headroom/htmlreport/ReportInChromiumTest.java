package dev.headroom.htmlreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.cli.Headroom;
import dev.headroom.target.DemoTarget;
import dev.headroom.target.DemoTargetOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports of real {@code headroom run}s (a plain run, a failing run compared with it, a capacity
 * search, a run of scenarios) opened in Debian's headless Chromium: nothing logged as an error, no
 * request of any kind, every chart drawn with data points. Screenshots, light and dark, go to
 * {@code target/report-screenshots/} for a person to look at.
 */
class ReportInChromiumTest {

  private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

  private static Vertx vertx;
  private static final List<DemoTarget> targets = new ArrayList<>();
  private static HeadlessChromium chromium;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(HeadlessChromium.BINARY)) {
      String why = HeadlessChromium.BINARY + " is missing: the report's browser tests cannot run (apt-get install chromium)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    vertx = Vertx.vertx();
    chromium = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    targets.forEach(t -> t.close().await());
    if (vertx != null) {
      vertx.close().await();
    }
  }

  private static String target(int concurrency, Duration serviceTime) {
    DemoTarget t = DemoTarget.start(vertx, DemoTargetOptions.defaults().withPort(0)
        .withConcurrency(concurrency).withServiceTime(serviceTime)).await();
    targets.add(t);
    return t.url();
  }

  private Path manifest(String name, String spec) throws Exception {
    return Files.writeString(dir.resolve(name + ".yaml"), """
        apiVersion: headroom.dev/v1alpha1
        kind: LoadTest
        metadata: {name: %s}
        spec:
        """.formatted(name) + spec.indent(2));
  }

  private static int headroom(String... args) {
    StringWriter out = new StringWriter();
    return Headroom.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true)).execute(args);
  }

  /** Opens the report, checks it is whole and quiet, keeps its screenshots; returns points per chart. */
  private static JsonNode look(Path report, String name) throws Exception {
    HeadlessChromium.Tab tab = chromium.open(report);
    assertEquals(List.of(), tab.visit.errors(), "console errors");
    assertEquals(List.of(), tab.visit.requests(), "requests made by a self-contained report");
    // Each series on its own: drawn through at least two points, and within its chart's frame.
    JsonNode charts = tab.evaluate("""
        JSON.parse(JSON.stringify([...document.querySelectorAll('figure.chart')].map(f => {
          const svg = f.querySelector('svg').getBoundingClientRect();
          return {
            id: f.id,
            lines: f.querySelectorAll('path[data-points]').length,
            width: svg.width,
            series: [...f.querySelectorAll('path[data-points]')].map(p => {
              const b = p.getBoundingClientRect();
              return {points: Number(p.dataset.points), drawn: p.getTotalLength() > 0,
                inside: b.left >= svg.left - 1 && b.right <= svg.right + 1 && b.top >= svg.top - 1
                    && b.bottom <= svg.bottom + 1};
            })
          };
        })))""");
    for (JsonNode chart : charts) {
      assertTrue(chart.get("width").asDouble() > 300, "chart " + chart + " has no room");
      assertTrue(chart.get("series").size() > 0, "chart " + chart + " drew no series");
      for (JsonNode series : chart.get("series")) {
        assertTrue(series.get("points").asInt() >= 2 && series.get("drawn").asBoolean(), "chart " + chart);
        assertTrue(series.get("inside").asBoolean(), "a series off its chart: " + chart);
      }
    }
    tab.screenshot(SCREENSHOTS.resolve(name + "-light.png"), 1400, false);
    tab.screenshot(SCREENSHOTS.resolve(name + "-dark.png"), 1400, true);
    return charts;
  }

  private static List<String> ids(JsonNode charts) {
    List<String> ids = new ArrayList<>();
    charts.forEach(c -> ids.add(c.get("id").asText()));
    return ids;
  }

  /** Two stages, two requests, a p99 gate. */
  private Path checkout(String file, String url, String p99) throws Exception {
    return manifest(file, """
        target: {url: "%s", timeout: 2s}
        requests: [{name: browse, path: /, weight: 3}, {name: buy, path: /buy, weight: 1}]
        load: {warmup: 1s, stages: [{duration: 4s, rate: 100}, {duration: 4s, rate: 200}]}
        thresholds: [{metric: p99, max: %s}]
        """.formatted(url, p99));
  }

  @Test
  void aPlainRunAndAFailingRunComparedWithItDrawEveryChart() throws Exception {
    String url = target(16, Duration.ofMillis(8));
    Path plain = checkout("checkout", url, "500ms");
    Path saved = dir.resolve("checkout.json");
    Path report = dir.resolve("checkout.html");
    assertEquals(0, headroom("run", plain.toString(), "--quiet", "--json", saved.toString(),
        "--report", report.toString()));
    JsonNode charts = look(report, "plain");
    assertEquals(List.of("throughput", "latency", "spectrum", "generator"), ids(charts));
    String html = Files.readString(report);
    assertTrue(html.contains("stage 1"), "the second stage is marked");
    assertTrue(html.contains("<p class=\"verdict pass\">Pass</p>"), "verdict first");

    String slower = target(16, Duration.ofMillis(20));
    Path failing = checkout("candidate", slower, "15ms");
    Path failed = dir.resolve("failed.html");
    assertEquals(1, headroom("run", failing.toString(), "--quiet", "--baseline", saved.toString(),
        "--report", failed.toString()));
    JsonNode failedCharts = look(failed, "failing");
    assertEquals(2, failedCharts.get(2).get("lines").asInt(), "the spectrum overlays the baseline");
    String failedHtml = Files.readString(failed);
    assertTrue(failedHtml.contains("<p class=\"verdict fail\">Fail</p>"), "verdict first");
    assertTrue(failedHtml.contains("Compared with baseline checkout.json"), "the comparison's table");
    assertTrue(failedHtml.contains("regressed against baseline checkout.json: p99 "), "the message says why");

    Path again = dir.resolve("again.html");
    assertEquals(0, headroom("report", saved.toString(), "--manifest", plain.toString(), "-o", again.toString()));
    assertEquals(List.of("throughput", "latency", "spectrum", "generator"), ids(look(again, "from-saved-status")));
  }

  @Test
  void aCapacitySearchDrawsItsKneeWithTheSloAndTheSustainableRate() throws Exception {
    // Capacity 400 rps exactly (8 servers of 20 ms): the knee is there.
    String url = target(8, Duration.ofMillis(20));
    Path search = manifest("capacity", """
        target: {url: "%s", timeout: 2s, http: {connections: 64}}
        requests: [{name: browse, path: /}]
        capacity: {slo: {p99: 100ms}, startRate: 100, maxRate: 800, stepDuration: 3s, precision: "20%%"}
        """.formatted(url));
    Path report = dir.resolve("capacity.html");
    assertEquals(0, headroom("run", search.toString(), "--quiet", "--report", report.toString()));
    JsonNode charts = look(report, "capacity");
    assertEquals(List.of("throughput", "latency", "spectrum", "knee-rate", "knee-latency", "generator"), ids(charts));
    String html = Files.readString(report);
    assertTrue(html.contains("SLO p99 100ms"), "the SLO line is drawn and named");
    assertTrue(html.contains("sustainable "), "the sustainable rate is marked");
    assertTrue(html.contains("<dt>breaks at</dt>"), "a search's figures are its knee, not whole-run latencies");
  }
  @Test
  void aRunOfScenariosShowsItsJourneysAndSetsTheirTargetBesideJourneysAchieved() throws Exception {
    String url = target(16, Duration.ofMillis(5));
    Path journeys = manifest("journeys", """
        target: {url: "%s", timeout: 2s}
        scenarios:
          - name: shop
            steps:
              - request: {name: login, method: POST, path: /login, body: '{"user":"u-${journey}"}',
                          capture: [{var: token, json: $.token}]}
              - request: {name: checkout, method: POST, path: /session/checkout,
                          headers: {Authorization: "Bearer ${token}"}}
        load: {stages: [{duration: 4s, rate: 20}]}
        thresholds: [{metric: p99, max: 2s, scenario: shop}]
        """.formatted(url));
    Path report = dir.resolve("journeys.html");
    assertEquals(0, headroom("run", journeys.toString(), "--quiet", "--report", report.toString()));

    assertEquals(List.of("throughput", "latency", "spectrum", "generator"), ids(look(report, "journeys")));
    String html = Files.readString(report);
    assertTrue(html.contains("<h2>Scenarios</h2>") && html.contains("<td>shop</td>"), "the journeys' table");
    assertTrue(html.contains("<th>target journeys/s</th><th>achieved journeys/s</th><th>requests/s</th>"),
        "the target beside journeys achieved, not requests");
    assertTrue(Pattern.compile("<p class=\"summary\">[0-9.]+ journeys/s \\([0-9.]+ rps\\) for 4s: request p99 ")
        .matcher(html).find(), "the message leads with journeys");
    assertTrue(html.contains("<td>shop journeys</td>"), "the threshold's subject");
  }

  @Test
  void aTracedRunLinksItsSlowestRequestsToTheTracingBackendAndMarksThemOnTheLatencyChart() throws Exception {
    // A target that records every trace id it is sent and holds a request whose id ends in f.
    Set<String> received = ConcurrentHashMap.newKeySet();
    HttpServer server = vertx.createHttpServer().requestHandler(request -> {
      String header = request.getHeader("traceparent");
      String traceId = header == null ? "" : header.substring(3, 35);
      received.add(traceId);
      if (traceId.endsWith("f")) {
        vertx.setTimer(150, t -> request.response().end("held"));
      } else {
        request.response().end("ok");
      }
    }).listen(0, "127.0.0.1").await();
    try {
      Path traced = manifest("traced", """
          target:
            url: "http://127.0.0.1:%d"
            timeout: 2s
            tracing: {sampling: "20%%", link: "https://tracing.example/trace/{traceId}"}
          requests: [{name: browse, path: /}]
          load: {stages: [{duration: 6s, rate: 100}]}
          """.formatted(server.actualPort()));
      Path saved = dir.resolve("traced.json");
      Path report = dir.resolve("traced.html");
      assertEquals(0, headroom("run", traced.toString(), "--quiet", "--json", saved.toString(),
          "--report", report.toString()));

      JsonNode slowest = new ObjectMapper().readTree(saved.toFile()).findValue("slowestTraces");
      assertTrue(slowest != null && slowest.size() > 0, "the status names the slowest traced requests");
      for (JsonNode t : slowest) {
        String id = t.get("traceId").asText();
        assertTrue(received.contains(id), "a trace id the target was sent: " + id);
        assertEquals("https://tracing.example/trace/" + id, t.get("link").asText());
      }
      String top = slowest.get(0).get("traceId").asText();
      assertTrue(top.endsWith("f"), "the slowest is one the target held: " + slowest.get(0));

      JsonNode charts = look(report, "traced");
      assertEquals(List.of("throughput", "latency", "spectrum", "generator"), ids(charts));
      String html = Files.readString(report);
      assertTrue(html.contains("<h2>Slowest traced requests</h2>"), "the table of slowest traced requests");
      assertTrue(html.contains("href=\"https://tracing.example/trace/" + top + "\""), "the slowest links to its trace");
      HeadlessChromium.Tab tab = chromium.open(report);
      JsonNode marks = tab.evaluate("""
          JSON.parse(JSON.stringify([...document.querySelectorAll('#latency circle.mark')].map(c => ({
            title: c.querySelector('title').textContent,
            href: c.parentElement.getAttribute('href')}))))""");
      assertTrue(marks.size() >= 3, "each interval's slowest traced request is marked: " + marks);
      boolean topMarked = false;
      for (JsonNode m : marks) {
        String id = m.get("title").asText().replaceAll(".*trace ", "");
        assertTrue(received.contains(id), "a mark names a trace the target was sent: " + m);
        assertEquals("https://tracing.example/trace/" + id, m.get("href").asText());
        topMarked |= id.equals(top);
      }
      assertTrue(topMarked, "the run's slowest traced request is marked");
      assertEquals(List.of(), tab.visit.requests(), "links are not followed by themselves");
    } finally {
      server.close().await();
    }
  }
}
