package dev.headroom.results;

import dev.headroom.plan.Percentages;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Fractions as the API writes them: {@code "0.02%"}, {@code "1%"}, {@code "100%"}. */
public final class Percent {

  private Percent() {}

  /**
   * Two decimals at most, trailing zeros dropped; a fraction too small to show that way keeps one
   * significant digit, so a run with errors never reads {@code 0%}.
   */
  public static String format(double fraction) {
    if (fraction == 0) {
      return "0%";
    }
    BigDecimal percent = BigDecimal.valueOf(fraction).movePointRight(2);
    BigDecimal shown = percent.setScale(2, RoundingMode.HALF_UP);
    if (shown.signum() == 0) {
      shown = percent.round(new MathContext(1, RoundingMode.HALF_UP));
    }
    return shown.stripTrailingZeros().toPlainString() + "%";
  }

  /** {@code errors / requests} in the form of {@link #format}; {@code 0%} when nothing was sent. */
  public static String of(long errors, long requests) {
    return format(requests == 0 ? 0 : (double) errors / requests);
  }

  /** A relative change, signed, to the whole percent: {@code +54%}, {@code -3%}, {@code 0%}. */
  public static String change(double fraction) {
    long percent = Math.round(fraction * 100);
    return (percent > 0 ? "+" : "") + percent + "%";
  }

  /**
   * A difference of two fractions in percentage points, signed, with the precision of {@link
   * #format}: {@code +0.4pp}, {@code -0.02pp}, {@code 0pp}. Points, not a relative change, because
   * an error rate going from 0% has no ratio.
   */
  public static String points(double difference) {
    String magnitude = format(Math.abs(difference));
    String sign = difference > 0 ? "+" : difference < 0 ? "-" : "";
    return sign + magnitude.substring(0, magnitude.length() - 1) + "pp";
  }

  /**
   * Reads a percentage ({@code "1%"}, {@code "0.5%"}) or a plain fraction ({@code "0.01"}).
   *
   * @throws IllegalArgumentException with a message fit for a user, when it is neither or negative
   */
  public static double parse(String text) {
    return Percentages.parse(text);
  }
}
