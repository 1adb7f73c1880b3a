package dev.headroom.results;

import dev.headroom.api.v1alpha1.CapacityResult;
import dev.headroom.api.v1alpha1.Regression;
import dev.headroom.api.v1alpha1.RegressionCheck;
import dev.headroom.api.v1alpha1.RegressionResult;
import dev.headroom.plan.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compares a run with its baseline. A metric regressed only when it got worse by more than its
 * limit <em>and</em> the difference is significant at {@link Significance#ALPHA}: the limit says
 * what matters, the test says it is not noise.
 *
 * <ul>
 *   <li>Latency (p50, p90, p99): the change is read from the two runs' whole merged histograms;
 *       significance from a one-sided Mann-Whitney U test that the run's per-interval figures tend
 *       to be higher than the baseline's (over stretches of equal length), since the latencies of
 *       one run are not independent samples (a slow second slows all its requests) but its
 *       intervals are closer to it.
 *   <li>Error rate: the change in percentage points; significance from chi-square on the 2x2 table
 *       of errors and successes, or Fisher's exact test for small counts.
 *   <li>Capacity: the fall of the highest sustainable rate; significant when the run broke its SLO
 *       at a rate the baseline sustained, which the capacity search's own judging of each step
 *       decided.
 * </ul>
 *
 * A capacity search varies its rate on purpose, so its latencies and errors are not compared.
 */
public final class RegressionJudge {

  /** Limits that apply when a regression names none. */
  static final Regression DEFAULT_LIMITS = new Regression(null, null, null, "10%", "1%", "10%");

  /**
   * The fewest intervals with responses in each run for the rank test: at 5 against 5 its smallest
   * two-sided p is 2/252 (0.008), the first size at which it can reach {@link Significance#ALPHA}.
   */
  static final int MIN_INTERVALS = 5;

  private RegressionJudge() {}

  /**
   * Why two runs cannot be compared, or empty when they can: a capacity search's latencies follow
   * the rates it tries, a planned run's do not.
   */
  public static Optional<String> incomparable(RunFigures baseline, RunFigures run) {
    if ((baseline.capacity() == null) == (run.capacity() == null)) {
      return Optional.empty();
    }
    return Optional.of((run.capacity() != null ? run.label() : baseline.label()) + " is a capacity search and "
        + (run.capacity() != null ? baseline.label() : run.label()) + " is not: compare like with like");
  }

  public static RegressionResult judge(Regression regression, RunFigures baseline, RunFigures run) {
    // Per-interval figures over stretches of the same length, or their spreads differ by width alone.
    long wide = Math.max(baseline.widthMs(), run.widthMs());
    baseline = baseline.coarsened(factor(wide, baseline.widthMs()));
    run = run.coarsened(factor(wide, run.widthMs()));
    Regression limits = regression.noLimits() ? DEFAULT_LIMITS.withBaseline(regression.baseline()) : regression;
    List<RegressionCheck> checks = new ArrayList<>();
    if (run.capacity() != null) {
      if (limits.maxCapacityDrop() != null) {
        checks.add(capacity(Percent.parse(limits.maxCapacityDrop()), baseline.capacity(), run.capacity()));
      }
    } else {
      latency(Metric.P50, limits.maxP50Increase(), baseline, run, checks);
      latency(Metric.P90, limits.maxP90Increase(), baseline, run, checks);
      latency(Metric.P99, limits.maxP99Increase(), baseline, run, checks);
      if (limits.maxErrorRateIncrease() != null) {
        checks.add(errorRate(Percent.parse(limits.maxErrorRateIncrease()), baseline, run));
      }
    }
    boolean regressed = checks.stream().anyMatch(c -> Boolean.TRUE.equals(c.regressed()));
    return new RegressionResult(baseline.label(), regressed, checks);
  }

  private static int factor(long wide, long width) {
    return width <= 0 ? 1 : (int) Math.max(1, Math.round((double) wide / width));
  }

  /**
   * {@code p99 41.2ms -> 63ms (+53%, limit +20%, confidence >99.99% by Mann-Whitney U on per-interval
   * p99: p<0.0001)} for each regressed metric.
   */
  public static String message(RegressionResult result) {
    List<RegressionCheck> regressed = result.checks().stream().filter(c -> Boolean.TRUE.equals(c.regressed())).toList();
    if (regressed.isEmpty()) {
      return "no regression against " + result.baseline();
    }
    return "regressed against " + result.baseline() + ": " + regressed.stream()
        .map(c -> c.metric() + " " + c.baseline() + " -> " + c.actual() + " (" + c.change() + ", limit "
            + c.limit() + ", confidence " + c.confidence() + ")")
        .collect(Collectors.joining("; "));
  }

  private static void latency(Metric metric, String limit, RunFigures baseline, RunFigures run,
      List<RegressionCheck> checks) {
    if (limit == null) {
      return;
    }
    double allowed = Percent.parse(limit);
    long before = metric.micros(baseline.merged());
    long after = metric.micros(run.merged());
    double change = before == 0 ? 0 : (double) after / before - 1;
    double[] a = baseline.perInterval(metric);
    double[] b = run.perInterval(metric);
    String confidence;
    boolean significant;
    if (a.length < MIN_INTERVALS || b.length < MIN_INTERVALS) {
      confidence = "not tested: under " + MIN_INTERVALS + " intervals with responses in a run";
      significant = false;
    } else {
      Significance test = Significance.ofIntervals(metric, a, b);
      confidence = test.confidence() + " by " + test.text();
      significant = test.significant();
    }
    checks.add(new RegressionCheck(metric.key(), Durations.formatMicros(before), Durations.formatMicros(after),
        Percent.change(change), "+" + limit, confidence, change > allowed && significant));
  }

  private static RegressionCheck errorRate(double allowed, RunFigures baseline, RunFigures run) {
    Measured before = baseline.measured();
    Measured after = run.measured();
    double change = rate(after) - rate(before);
    Significance test = Significance.ofErrors(before, after);
    String confidence = test.tested() ? test.confidence() + " by " + test.text() : test.text();
    return new RegressionCheck("errorRate", Percent.of(before.errors(), before.requests()),
        Percent.of(after.errors(), after.requests()), Percent.points(change), Percent.points(allowed),
        confidence, change > allowed && test.significant());
  }

  private static double rate(Measured m) {
    return m.requests() == 0 ? 0 : (double) m.errors() / m.requests();
  }

  private static RegressionCheck capacity(double allowed, CapacityResult baseline, CapacityResult run) {
    if (baseline == null || baseline.maxSustainableRps() == null) {
      return new RegressionCheck("capacity", "none", text(run.maxSustainableRps()), null, "-" + Percent.format(allowed),
          "not compared: the baseline found no sustainable rate", false);
    }
    double before = baseline.maxSustainableRps();
    double after = run.maxSustainableRps() == null ? 0 : run.maxSustainableRps();
    double change = after / before - 1;
    Double broke = run.breakingRps();
    // The search judged every step against the SLO already: breaking at a rate the baseline held
    // is the evidence; without it the two brackets overlap and the fall may be the search's precision.
    boolean evidence = broke != null && broke <= before;
    String confidence = evidence
        ? "broke at " + Rates.text(broke) + " rps, which the baseline sustained"
        : broke == null
            ? "did not break up to maxRate"
            : "not significant: broke at " + Rates.text(broke) + " rps, above the baseline's " + Rates.text(before);
    return new RegressionCheck("capacity", text(before), text(after), Percent.change(change),
        "-" + Percent.format(allowed), confidence, -change > allowed && evidence);
  }

  private static String text(Double rps) {
    return rps == null ? "none" : Rates.text(rps) + " rps";
  }
}
