package dev.headroom.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.JourneyInterval;
import dev.headroom.report.RequestInterval;
import dev.headroom.results.RunResults.RequestTotals;
import dev.headroom.session.RunSession;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The run series as Prometheus scrapes them: names, labels, values, and when they go. */
class RunMetricsTest {

  private static final Instant END = Instant.parse("2025-01-01T00:00:00Z");
  private static final long START_MS = END.toEpochMilli();

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RunMetrics metrics = new RunMetrics(registry, Duration.ofMinutes(5));

  private static RunMetrics.Figures figures(long browse, Map<String, Long> errors, Double step) {
    return new RunMetrics.Figures(
        Map.of("browse", new RequestTotals(browse, errors), "buy", new RequestTotals(7, Map.of())),
        false, 100, 98.5, Double.NaN, Map.of("0.5", 0.01, "0.9", 0.02, "0.99", 0.05), 0.003, 3, 1, step);
  }

  /** One second of one worker: {@code perStep} of each step (or request), and journeys when given. */
  private static IntervalReport second(long seq, List<String> steps, long perStep, Long journeys) {
    Histogram latency = HistogramCodec.newHistogram();
    latency.recordValueWithCount(5_000, perStep);
    Map<String, RequestInterval> requests = new LinkedHashMap<>();
    steps.forEach(step -> requests.put(step, new RequestInterval(perStep, Map.of(), 0, HistogramCodec.encode(latency))));
    long start = START_MS + seq * 1000;
    return new IntervalReport(seq, 0, start, start + 1000, requests, null, List.of(),
        journeys == null ? Map.of() : Map.of("shop", new JourneyInterval(journeys, journeys, Map.of(),
            HistogramCodec.encode(latency))));
  }

  /** The value of the one sample whose name and labels start as {@code series} says, if any. */
  private Optional<Double> sample(String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "[^}]*} (\\S+)$").matcher(registry.scrape());
    return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
  }

  @Test
  void countersCarryTheRunsTotalsAndANewRunStartsThemFromZero() {
    metrics.observed("ns", "shop", 1, figures(120, Map.of("status_503", 4L), null));
    assertEquals(Optional.of(120.0), sample("headroom_run_requests_total{name=\"shop\",namespace=\"ns\",request=\"browse\""));
    assertEquals(Optional.of(7.0), sample("headroom_run_requests_total{name=\"shop\",namespace=\"ns\",request=\"buy\""));
    assertEquals(Optional.of(4.0),
        sample("headroom_run_errors_total{kind=\"status_503\",name=\"shop\",namespace=\"ns\",request=\"browse\""));

    metrics.observed("ns", "shop", 2, figures(30, Map.of("timeout", 1L), null));

    assertEquals(Optional.of(30.0), sample("headroom_run_requests_total{name=\"shop\",namespace=\"ns\",request=\"browse\""));
    assertEquals(Optional.of(1.0),
        sample("headroom_run_errors_total{kind=\"timeout\",name=\"shop\",namespace=\"ns\",request=\"browse\""));
    assertEquals(Optional.empty(), sample("headroom_run_errors_total{kind=\"status_503\""),
        "run 1's error kinds are not run 2's");
  }

  @Test
  void gaugesShowTheLastIntervalAndTheWorkers() {
    metrics.observed("ns", "shop", 1, figures(120, Map.of(), null));

    assertEquals(Optional.of(100.0), sample("headroom_run_target_rps{name=\"shop\""));
    assertEquals(Optional.of(98.5), sample("headroom_run_achieved_rps{name=\"shop\""));
    assertFalse(registry.scrape().contains("journeys"), "a plan of requests has no journeys: " + registry.scrape());
    assertEquals(Optional.of(0.02), sample("headroom_run_latency_seconds{name=\"shop\",namespace=\"ns\",quantile=\"0.9\""));
    assertEquals(Optional.of(0.003), sample("headroom_run_send_lag_seconds{name=\"shop\""));
    assertEquals(Optional.of(3.0), sample("headroom_run_workers{name=\"shop\",namespace=\"ns\",state=\"desired\""));
    assertEquals(Optional.of(2.0), sample("headroom_run_workers{name=\"shop\",namespace=\"ns\",state=\"ready\""));
    assertEquals(Optional.of(1.0), sample("headroom_run_workers{name=\"shop\",namespace=\"ns\",state=\"lost\""));
    assertEquals(Optional.empty(), sample("headroom_run_capacity_step_rps"), "a planned run has no steps");

    metrics.observed("ns", "search", 1, figures(10, Map.of(), 400.0));
    assertEquals(Optional.of(400.0), sample("headroom_run_capacity_step_rps{name=\"search\""));
  }

  /**
   * A plan of scenarios counts journeys: its target stands beside journeys achieved, never beside
   * requests, as in its status; its requests per second are still there, named as such.
   */
  @Test
  void aRunOfScenariosSetsItsTargetOfJourneysBesideJourneysAchieved() {
    RunSession session = session("journeys", """
        target: {url: "http://127.0.0.1:1"}
        scenarios:
          - name: shop
            steps:
              - request: {name: login, method: POST, path: /login}
              - request: {name: cart, path: /cart}
        load: {stages: [{duration: 10s, rate: 40}]}
        """);
    for (long seq = 0; seq < 3; seq++) {
      session.results().add(0, second(seq, List.of("login", "cart"), 40, 40L));
    }

    RunMetrics.Figures figures = RunMetrics.Figures.of(session, 1);
    metrics.observed("ns", "journeys", 1, figures);

    assertEquals(Optional.of(40.0), sample("headroom_run_target_journeys_per_second{name=\"journeys\""));
    assertEquals(Optional.of(40.0), sample("headroom_run_achieved_journeys_per_second{name=\"journeys\""));
    assertEquals(Optional.of(80.0), sample("headroom_run_achieved_rps{name=\"journeys\""),
        "two requests a journey, and this says requests");
    assertEquals(Optional.empty(), sample("headroom_run_target_rps{name=\"journeys\""),
        "no target of requests: the plan sets none");
  }

  /**
   * A capacity search of scenarios steps journeys: its step is its target of journeys, and no
   * {@code capacity_step_rps} sets journeys asked beside requests achieved.
   */
  @Test
  void aSearchOfScenariosStepsItsTargetOfJourneys() {
    RunSession session = session("searched", """
        target: {url: "http://127.0.0.1:1"}
        scenarios:
          - name: shop
            steps: [{request: {name: login, method: POST, path: /login}}]
        capacity: {slo: {p99: 500ms}, startRate: 50, maxRate: 100, stepDuration: 3s, settle: 1s}
        """);

    metrics.observed("ns", "searched", 1, RunMetrics.Figures.of(session, 1));

    assertEquals(Optional.of(50.0), sample("headroom_run_target_journeys_per_second{name=\"searched\""),
        "the first step, in journeys per second");
    assertEquals(Optional.empty(), sample("headroom_run_capacity_step_rps{name=\"searched\""));
    assertEquals(Optional.empty(), sample("headroom_run_target_rps{name=\"searched\""));
  }

  /** The same look at a plan of requests: its figures are requests, and it has no journey series. */
  @Test
  void aRunOfRequestsHasItsTargetOfRequestsAndNoJourneys() {
    RunSession session = session("requests", """
        target: {url: "http://127.0.0.1:1"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 10s, rate: 50}]}
        """);
    for (long seq = 0; seq < 3; seq++) {
      session.results().add(0, second(seq, List.of("home"), 50, null));
    }

    RunMetrics.Figures figures = RunMetrics.Figures.of(session, 1);
    metrics.observed("ns", "requests", 1, figures);

    assertEquals(Optional.of(50.0), sample("headroom_run_target_rps{name=\"requests\""));
    assertEquals(Optional.of(50.0), sample("headroom_run_achieved_rps{name=\"requests\""));
    assertFalse(registry.scrape().contains("journeys"), registry.scrape());
  }

  private static RunSession session(String name, String spec) {
    return new RunSession(LoadTests.named(name, spec).getSpec(), List.of(), List.of(), () -> {});
  }

  @Test
  void anEndIsCountedOnceAndTheRunsSeriesGoAfterTheRetention() {
    metrics.observed("ns", "shop", 1, figures(120, Map.of(), null));
    assertEquals(Optional.of(0.0), sample("headroom_runs_total{name=\"shop\",namespace=\"ns\",verdict=\"Pass\""),
        "registered at zero, so that increase() sees the first run");

    metrics.ended("ns", "shop", 1, "Pass", END);
    metrics.ended("ns", "shop", 1, "Pass", END.plusSeconds(1)); // the end seen again after a failed write
    assertEquals(Optional.of(1.0), sample("headroom_runs_total{name=\"shop\",namespace=\"ns\",verdict=\"Pass\""));

    metrics.expire(END.plus(Duration.ofMinutes(5)).minusMillis(1));
    assertTrue(sample("headroom_run_requests_total{name=\"shop\"").isPresent(), "kept until the retention is over");

    metrics.expire(END.plus(Duration.ofMinutes(5)));
    assertFalse(registry.scrape().contains("headroom_run_"), registry.scrape());
    assertEquals(Optional.of(1.0), sample("headroom_runs_total{name=\"shop\",namespace=\"ns\",verdict=\"Pass\""),
        "the outcome counter stays while the LoadTest exists");
  }

  @Test
  void aDeletedLoadTestLosesEverySeriesAtOnce() {
    metrics.observed("ns", "shop", 1, figures(120, Map.of("timeout", 2L), null));
    metrics.observed("ns", "other", 1, figures(5, Map.of(), null));

    metrics.forget("ns", "shop");

    assertFalse(registry.scrape().contains("name=\"shop\""), registry.scrape());
    assertEquals(Optional.of(5.0), sample("headroom_run_requests_total{name=\"other\",namespace=\"ns\",request=\"browse\""));
  }
}
