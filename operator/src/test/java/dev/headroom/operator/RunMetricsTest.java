package dev.headroom.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.results.RunResults.RequestTotals;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The run series as Prometheus scrapes them: names, labels, values, and when they go. */
class RunMetricsTest {

  private static final Instant END = Instant.parse("2025-01-01T00:00:00Z");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RunMetrics metrics = new RunMetrics(registry, Duration.ofMinutes(5));

  private static RunMetrics.Figures figures(long browse, Map<String, Long> errors, Double step) {
    return new RunMetrics.Figures(
        Map.of("browse", new RequestTotals(browse, errors), "buy", new RequestTotals(7, Map.of())),
        100, 98.5, Map.of("0.5", 0.01, "0.9", 0.02, "0.99", 0.05), 0.003, 3, 1, step);
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
    assertEquals(Optional.of(0.02), sample("headroom_run_latency_seconds{name=\"shop\",namespace=\"ns\",quantile=\"0.9\""));
    assertEquals(Optional.of(0.003), sample("headroom_run_send_lag_seconds{name=\"shop\""));
    assertEquals(Optional.of(3.0), sample("headroom_run_workers{name=\"shop\",namespace=\"ns\",state=\"desired\""));
    assertEquals(Optional.of(2.0), sample("headroom_run_workers{name=\"shop\",namespace=\"ns\",state=\"ready\""));
    assertEquals(Optional.of(1.0), sample("headroom_run_workers{name=\"shop\",namespace=\"ns\",state=\"lost\""));
    assertEquals(Optional.empty(), sample("headroom_run_capacity_step_rps"), "a planned run has no steps");

    metrics.observed("ns", "search", 1, figures(10, Map.of(), 400.0));
    assertEquals(Optional.of(400.0), sample("headroom_run_capacity_step_rps{name=\"search\""));
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
