package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.CapacityResult;
import dev.headroom.api.v1alpha1.Regression;
import dev.headroom.api.v1alpha1.RegressionCheck;
import dev.headroom.api.v1alpha1.RegressionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The judge on figures of known distributions: a real change is flagged, noise and small changes are not. */
class RegressionJudgeTest {

  private static final Regression P99_20 = new Regression(null, null, null, "20%", null, null);

  /** {@code intervals} seconds of {@code perInterval} latencies around {@code medianMs}, log-normal. */
  static RunFigures run(String label, long seed, int intervals, int perInterval, double medianMs, long requests,
      long errors) {
    return RunFigures.of(label, lines(seed, intervals, perInterval, medianMs), requests, errors, null);
  }

  /** The histograms of {@code intervals} one-second lines, log-normal around {@code medianMs}. */
  static List<Histogram> lines(long seed, int intervals, int perInterval, double medianMs) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Histogram> out = new ArrayList<>();
    for (int i = 0; i < intervals; i++) {
      Histogram h = new Histogram(3);
      h.setAutoResize(true);
      for (int n = 0; n < perInterval; n++) {
        double ms = medianMs * Math.exp(0.25 * gaussian(random));
        h.recordValue(Math.round(ms * 1000));
      }
      h.setStartTimeStamp(1_000L * i);
      h.setEndTimeStamp(1_000L * (i + 1));
      out.add(h);
    }
    return out;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static RunFigures capacityRun(Double max, Double breaking) {
    return RunFigures.of("search", List.of(), 1000, 0, new CapacityResult(max, breaking, "p99", null, null));
  }

  private static RegressionCheck check(RegressionResult r, String metric) {
    return r.checks().stream().filter(c -> c.metric().equals(metric)).findFirst().orElseThrow();
  }

  @Test
  void aSlowdownBeyondTheLimitIsFlaggedWithBothFiguresAndTheConfidence() {
    RunFigures before = run("nightly run 1", 1, 30, 200, 20, 6000, 0);
    RunFigures after = run("nightly run 2", 2, 30, 200, 30, 6000, 0);
    RegressionResult r = RegressionJudge.judge(P99_20, before, after);
    assertTrue(r.regressed());
    RegressionCheck p99 = check(r, "p99");
    assertTrue(p99.change().startsWith("+4") || p99.change().startsWith("+5"), p99.change());
    assertEquals("+20%", p99.limit());
    assertTrue(p99.confidence().startsWith(">99.99% by one-sided Mann-Whitney U on per-interval p99: p<0.0001"), p99.confidence());
    String message = RegressionJudge.message(r);
    assertTrue(message.startsWith("regressed against nightly run 1: p99 3"), message);
    assertTrue(message.contains(" -> 5") || message.contains(" -> 4"), message);
  }

  /**
   * The test is at 1% (one-sided), so a run of an unchanged target is flagged at most once in a
   * hundred comparisons of a metric by design, and less once the change must also pass its limit.
   */
  @Test
  void noiseAloneIsFlaggedAtMostOnceInAHundred() {
    int flagged = 0;
    for (int i = 0; i < 200; i++) {
      RegressionResult r = RegressionJudge.judge(Regression.DEFAULT,
          run("a", 2L * i, 10, 100, 20, 1000, 3), run("b", 2L * i + 1, 10, 100, 20, 1000, 3));
      flagged += r.regressed() ? 1 : 0;
    }
    assertTrue(flagged <= 2, flagged + " of 200 unchanged pairs flagged");
  }

  @Test
  void aRunWhoseTypicalIntervalGotFasterIsNotFlaggedForOneStall() {
    RunFigures before = run("a", 3, 30, 200, 20, 6000, 0);
    List<Histogram> faster = lines(4, 30, 200, 18);
    // One interval of the candidate stalled: its merged p99 rises far beyond the limit.
    for (int i = 0; i < 200; i++) {
      faster.get(10).recordValue(2_000_000);
    }
    RunFigures after = RunFigures.of("b", faster, 6000, 0, null);
    RegressionResult r = RegressionJudge.judge(P99_20, before, after);
    RegressionCheck p99 = check(r, "p99");
    assertTrue(Integer.parseInt(p99.change().replaceAll("[+%]", "")) > 20, p99.toString());
    assertFalse(p99.regressed(), "the typical interval is faster: " + p99);
  }

  @Test
  void runsWhoseLogsWereCoarsenedDifferentlyAreComparedOverEqualStretches() {
    RunFigures fine = run("a", 5, 40, 50, 20, 2000, 0);
    RunFigures coarse = run("b", 6, 40, 50, 20, 2000, 0).coarsened(4);
    assertEquals(10, coarse.intervals().size());
    assertEquals(4 * fine.widthMs(), coarse.widthMs());
    RegressionResult r = RegressionJudge.judge(P99_20, fine, coarse);
    String confidence = check(r, "p99").confidence();
    assertTrue(confidence.contains("Mann-Whitney"), "10 against 10 stretches of 4 s: tested");
    assertFalse(confidence.startsWith(">99") || confidence.startsWith("99."),
        "a wider window's p99 is higher by its width alone, which must not read as a change: " + confidence);
    assertFalse(r.regressed());
  }

  @Test
  void aSignificantChangeWithinTheLimitIsNoRegression() {
    // +8% on 60 intervals of 500 is very significant, and under the 10% default limit.
    RegressionResult r = RegressionJudge.judge(Regression.DEFAULT,
        run("a", 7, 60, 500, 20, 30000, 0), run("b", 8, 60, 500, 21.6, 30000, 0));
    RegressionCheck p99 = check(r, "p99");
    assertTrue(p99.confidence().startsWith(">99.99%"), p99.confidence());
    assertFalse(p99.regressed());
    assertFalse(r.regressed());
    assertEquals("no regression against a", RegressionJudge.message(r));
  }

  @Test
  void tooFewIntervalsAreNotTestedAndNotFlagged() {
    RegressionResult r = RegressionJudge.judge(P99_20,
        run("a", 1, 4, 100, 20, 400, 0), run("b", 2, 4, 100, 40, 400, 0));
    RegressionCheck p99 = check(r, "p99");
    assertTrue(Integer.parseInt(p99.change().replaceAll("[+%]", "")) > 50, "far beyond the limit: " + p99.change());
    assertTrue(p99.confidence().startsWith("not tested: under 5 intervals"), p99.confidence());
    assertFalse(r.regressed());
  }

  @Test
  void errorRateRegressesInPointsWhenSignificant() {
    Regression limits = new Regression(null, null, null, null, "1%", null);
    RegressionResult worse = RegressionJudge.judge(limits,
        run("a", 1, 10, 10, 20, 10_000, 20), run("b", 2, 10, 10, 20, 10_000, 400));
    RegressionCheck errors = check(worse, "errorRate");
    assertEquals("0.2%", errors.baseline());
    assertEquals("4%", errors.actual());
    assertEquals("+3.8pp", errors.change());
    assertEquals("+1pp", errors.limit());
    assertTrue(errors.regressed());
    // Two errors more in a hundred requests is 2 points, but a coin could do that.
    RegressionResult few = RegressionJudge.judge(limits,
        run("a", 1, 10, 10, 20, 100, 1), run("b", 2, 10, 10, 20, 100, 3));
    assertFalse(check(few, "errorRate").regressed(), check(few, "errorRate").toString());
  }

  @Test
  void capacityRegressesOnlyWhenTheRunBrokeAtARateTheBaselineHeld() {
    Regression limits = new Regression(null, null, null, null, null, "10%");
    RegressionResult dropped = RegressionJudge.judge(limits, capacityRun(1000.0, 1100.0), capacityRun(700.0, 770.0));
    RegressionCheck c = check(dropped, "capacity");
    assertTrue(c.regressed());
    assertEquals("-30%", c.change());
    assertEquals("broke at 770 rps, which the baseline sustained", c.confidence());
    assertEquals(List.of("capacity"), dropped.checks().stream().map(RegressionCheck::metric).toList(),
        "a search's latencies change with its rate on purpose: not compared");
    // 12% lower, but the run broke above what the baseline held: the brackets overlap.
    RegressionResult overlap = RegressionJudge.judge(limits, capacityRun(1000.0, 1100.0), capacityRun(880.0, 1050.0));
    assertFalse(overlap.regressed());
    assertTrue(check(overlap, "capacity").confidence().startsWith("not significant"));
  }
}
