package dev.headroom.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in the Go/Kubernetes form ({@code 250ms}, {@code 1.5s}, {@code 2m30s}), the form every
 * duration in the API uses, both ways.
 */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
  private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_EVEN);

  private Durations() {}

  /**
   * Parses a Go-style duration.
   *
   * @throws IllegalArgumentException with a message fit to show a user, when it is not one
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("must be a duration like 250ms, 30s or 2m");
    }
    String s = text.trim();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    long nanos = 0;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a duration (use a number and a unit: ns, us, ms, s, m, h; e.g. 250ms, 30s, 2m)");
      }
      BigDecimal amount = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
      nanos = Math.addExact(nanos, amount.multiply(BigDecimal.valueOf(unitNanos(m.group(2)))).longValue());
      at = m.end();
    }
    return Duration.ofNanos(nanos);
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> throw new IllegalStateException(unit);
    };
  }

  /** A latency for status and tables: three significant digits, in ms below a second. */
  public static String formatMicros(long micros) {
    return formatNanos(micros * 1_000L);
  }

  /** Three significant digits: {@code 0.41ms}, {@code 41.2ms}, {@code 1.23s}, {@code 2.5m}. */
  public static String formatNanos(long nanos) {
    if (nanos == 0) {
      return "0ms";
    }
    if (nanos < 1_000_000_000L) {
      return threeDigits(nanos, 1_000_000L) + "ms";
    }
    if (nanos < 100_000_000_000L) {
      return threeDigits(nanos, 1_000_000_000L) + "s";
    }
    if (nanos < 6_000_000_000_000L) {
      return threeDigits(nanos, 60_000_000_000L) + "m";
    }
    return threeDigits(nanos, 3_600_000_000_000L) + "h";
  }

  /** The coarse form for a configured span: {@code 30s}, {@code 2m}, {@code 1h30m}. */
  public static String formatSpan(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.toNanosPart() != 0 || d.compareTo(Duration.ofSeconds(1)) < 0) {
      return formatNanos(d.toNanos());
    }
    StringBuilder out = new StringBuilder();
    long h = d.toHours();
    int m = d.toMinutesPart();
    int s = d.toSecondsPart();
    if (h > 0) out.append(h).append('h');
    if (m > 0) out.append(m).append('m');
    if (s > 0) out.append(s).append('s');
    return out.toString();
  }

  private static String threeDigits(long nanos, long unit) {
    BigDecimal value = BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(unit), THREE_DIGITS);
    return value.stripTrailingZeros().toPlainString();
  }
}
