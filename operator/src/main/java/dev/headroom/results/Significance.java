package dev.headroom.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * A two-sided test of whether two windows of a run differ, and how it reads in status: {@code
 * Mann-Whitney U on per-sample p99: p=0.0003}. Two-sided so that one p-value speaks for an
 * improvement as well as a worsening; which way it went is read from the figures.
 *
 * @param p the p-value; 1 where there was nothing to test
 * @param tested false where there was nothing to test
 */
record Significance(double p, String text, boolean tested) {

  /** Two-sided significance level: a false alarm in a hundred comparisons of unchanged runs, per metric. */
  static final double ALPHA = 0.01;

  /**
   * Mann-Whitney U: per-sample p99s are neither normal nor independent of load, and a rank test
   * asks only whether one window's tend to be higher than the other's.
   */
  static Significance ofP99s(double[] first, double[] last) {
    return mannWhitney("per-sample p99", first, last);
  }

  /**
   * Whether a run's per-interval figures tend to be higher than its baseline's: one-sided, since
   * only a worsening is a regression, and a run whose typical interval got faster must not be
   * flagged because a single stall raised its merged percentile.
   */
  static Significance ofIntervals(Metric metric, double[] baseline, double[] candidate) {
    double p = MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN)
        .test(candidate, baseline).getPValue();
    return tested("one-sided Mann-Whitney U on per-interval " + metric.key(), Double.isNaN(p) ? 1 : p);
  }

  private static Significance mannWhitney(String of, double[] a, double[] b) {
    double p = MannWhitneyUTest.withDefaults().test(a, b).getPValue();
    // Every figure the same: the library's normal approximation has no variance and gives NaN.
    return tested("Mann-Whitney U on " + of, Double.isNaN(p) ? 1 : p);
  }

  /** Significant at the level regressions and drift are judged at. */
  boolean significant() {
    return p < ALPHA;
  }

  /** {@code 99.97%}: how sure the difference is not noise, as {@code 1 - p}. */
  String confidence() {
    if (p < 0.0001) {
      return ">99.99%";
    }
    BigDecimal c = new BigDecimal((1 - p) * 100).round(new MathContext(4, RoundingMode.HALF_UP));
    return c.stripTrailingZeros().toPlainString() + "%";
  }

  /**
   * Errors against successes in a 2x2 table: chi-square, or Fisher's exact test where an expected
   * count is under 5 (the usual bound of the chi-square approximation, reached by a soak run with
   * a handful of errors) and the counts fit its int table.
   */
  static Significance ofErrors(Measured first, Measured last) {
    long errors = first.errors() + last.errors();
    long requests = first.requests() + last.requests();
    long successes = requests - errors;
    if (errors == 0 || successes == 0) {
      return new Significance(1, "errors " + Percent.of(errors, requests) + " in both: not tested", false);
    }
    long[][] table = {
      {first.errors(), first.requests() - first.errors()},
      {last.errors(), last.requests() - last.errors()}
    };
    double leastExpected =
        (double) Math.min(first.requests(), last.requests()) * Math.min(errors, successes) / requests;
    if (leastExpected < 5 && Math.max(first.requests(), last.requests()) <= Integer.MAX_VALUE) {
      int[][] ints = {
        {(int) table[0][0], (int) table[0][1]},
        {(int) table[1][0], (int) table[1][1]}
      };
      return tested("Fisher's exact on errors", FisherExactTest.withDefaults().test(ints).getPValue());
    }
    return tested("chi-square 2x2 on errors", ChiSquareTest.withDefaults().test(table).getPValue());
  }

  /** Too few samples with responses in a window for the rank test to mean anything. */
  static Significance untestedP99s(int fewest) {
    return new Significance(1, "p99 not tested (under " + fewest + " samples with responses in a window)", false);
  }

  private static Significance tested(String test, double p) {
    return new Significance(p, test + ": " + pText(p), true);
  }

  /** Two significant digits; below 0.0001 only the bound, since more digits there mean nothing. */
  private static String pText(double p) {
    if (p < 0.0001) {
      return "p<0.0001";
    }
    BigDecimal rounded = new BigDecimal(p).round(new MathContext(2, RoundingMode.HALF_UP));
    return "p=" + rounded.stripTrailingZeros().toPlainString();
  }
}
