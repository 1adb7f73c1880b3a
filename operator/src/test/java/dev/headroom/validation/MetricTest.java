package dev.headroom.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricTest {

  @Test
  void namesAreTheApisExactly() {
    assertEquals(Optional.of(Metric.ERROR_RATE), Metric.named("errorRate"));
    assertEquals(Optional.of(Metric.P999), Metric.named("p999"));
    assertEquals(Optional.empty(), Metric.named("P99"));
    assertEquals("min mean p50 p90 p95 p99 p999 max errorRate rps", String.join(" ", Metric.names()));
  }

  @Test
  void limitsBecomeNanosFractionsOrRequestsPerSecond() {
    assertEquals(500_000_000.0, Metric.P99.parseLimit("500ms"));
    assertEquals(0.01, Metric.ERROR_RATE.parseLimit("1%"));
    assertEquals(0.001, Metric.ERROR_RATE.parseLimit("0.001"));
    assertEquals(1000.0, Metric.RPS.parseLimit("1e3"));
  }

  @Test
  void onlyRpsIsAFloor() {
    assertEquals(Metric.Kind.RPS, Metric.RPS.kind());
    assertEquals(true, Metric.RPS.isFloor());
    assertEquals(false, Metric.MAX.isFloor());
  }

  @Test
  void badLimitsSayWhy() {
    assertEquals("required", assertThrows(IllegalArgumentException.class, () -> Metric.P50.parseLimit(" ")).getMessage());
    assertEquals("must be > 0", assertThrows(IllegalArgumentException.class, () -> Metric.P50.parseLimit("0")).getMessage());
    assertEquals("'NaN' is not a number of requests per second", assertThrows(IllegalArgumentException.class, () -> Metric.RPS.parseLimit("NaN")).getMessage());
    assertEquals("must be between 0% and 100%", assertThrows(IllegalArgumentException.class, () -> Metric.ERROR_RATE.parseLimit("1.5")).getMessage());
  }
}
