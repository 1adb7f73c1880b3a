package dev.headroom.validation;

import dev.headroom.plan.Durations;
import dev.headroom.plan.Percent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The metrics that thresholds and capacity SLOs name, as the API spells them, and how a limit on
 * each is written: a duration for a latency, a percentage for {@code errorRate}, requests per
 * second for {@code rps}.
 */
public enum Metric {
  MIN("min", Kind.LATENCY),
  MEAN("mean", Kind.LATENCY),
  P50("p50", Kind.LATENCY),
  P90("p90", Kind.LATENCY),
  P95("p95", Kind.LATENCY),
  P99("p99", Kind.LATENCY),
  P999("p999", Kind.LATENCY),
  MAX("max", Kind.LATENCY),
  ERROR_RATE("errorRate", Kind.ERROR_RATE),
  RPS("rps", Kind.RPS);

  /** What a metric measures, which decides how its limit is written and which way it points. */
  public enum Kind {
    /** Limit is a duration; the measured value must not exceed it ({@code max}). */
    LATENCY,
    /** Limit is a percentage or fraction 0..1; the measured value must not exceed it ({@code max}). */
    ERROR_RATE,
    /** Limit is requests per second; the achieved rate must reach it ({@code min}). */
    RPS
  }

  private static final List<String> NAMES = Arrays.stream(values()).map(Metric::apiName).toList();

  private final String apiName;
  private final Kind kind;

  Metric(String apiName, Kind kind) {
    this.apiName = apiName;
    this.kind = kind;
  }

  public String apiName() {
    return apiName;
  }

  public Kind kind() {
    return kind;
  }

  /** The metric with this API name (exact case), if any. */
  public static Optional<Metric> named(String name) {
    return Arrays.stream(values()).filter(m -> m.apiName.equals(name)).findFirst();
  }

  /** Every API name, in the order the API lists them. */
  public static List<String> names() {
    return NAMES;
  }

  /** True for {@code rps}, whose threshold is a floor ({@code min}); the others are ceilings ({@code max}). */
  public boolean isFloor() {
    return kind == Kind.RPS;
  }

  /**
   * The limit as a number: nanoseconds for a latency, a fraction for {@code errorRate}, requests
   * per second for {@code rps}.
   *
   * @throws IllegalArgumentException with a message fit to show a user, when it is not a valid
   *     limit for this metric
   */
  public double parseLimit(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("required");
    }
    return switch (kind) {
      case LATENCY -> latencyNanos(text);
      case ERROR_RATE -> fraction(text);
      case RPS -> rate(text);
    };
  }

  private static double latencyNanos(String text) {
    Duration d = Durations.parse(text);
    if (d.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' is too long");
    }
    if (d.isZero()) {
      throw new IllegalArgumentException("must be > 0");
    }
    return d.toNanos();
  }

  private static double fraction(String text) {
    double f = Percent.parse(text);
    if (f < 0 || f > 1) {
      throw new IllegalArgumentException("must be between 0% and 100%");
    }
    return f;
  }

  private static double rate(String text) {
    BigDecimal value;
    try {
      value = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number of requests per second");
    }
    if (value.signum() <= 0) {
      throw new IllegalArgumentException("must be > 0");
    }
    return value.doubleValue();
  }
}
