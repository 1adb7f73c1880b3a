package dev.headroom.results;

import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The metrics thresholds and SLOs may name: latencies read from a merged histogram, the error rate,
 * and the achieved rate.
 */
public enum Metric {
  MIN("min", -1),
  MEAN("mean", -1),
  P50("p50", 50),
  P90("p90", 90),
  P95("p95", 95),
  P99("p99", 99),
  P999("p999", 99.9),
  MAX("max", -1),
  ERROR_RATE("errorRate", -1),
  RPS("rps", -1);

  private final String key;
  private final double percentile;

  Metric(String key, double percentile) {
    this.key = key;
    this.percentile = percentile;
  }

  /** The percentile this metric reads (99 for p99); -1 for the others. */
  public double percentile() {
    return percentile;
  }

  /** The name used in the API. */
  public String key() {
    return key;
  }

  public boolean isLatency() {
    return this != ERROR_RATE && this != RPS;
  }

  /** True for {@code rps}, the one metric whose limit is a floor ({@code min}), not a ceiling. */
  public boolean isFloor() {
    return this == RPS;
  }

  /** The metric named {@code key} as in the API, or empty when there is none. */
  public static Optional<Metric> named(String key) {
    for (Metric m : values()) {
      if (m.key.equals(key)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /**
   * This latency metric read from a histogram of microseconds.
   *
   * @throws IllegalStateException for {@code errorRate} and {@code rps}
   */
  public long micros(Histogram latency) {
    return switch (this) {
      case MIN -> latency.getMinValue();
      case MEAN -> Math.round(latency.getMean());
      case MAX -> latency.getMaxValue();
      case ERROR_RATE, RPS -> throw new IllegalStateException(key + " is not a latency");
      default -> latency.getValueAtPercentile(percentile);
    };
  }
}
