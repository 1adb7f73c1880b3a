package dev.headroom.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.Capacity;
import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.report.GeneratorHealth;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.JourneyInterval;
import dev.headroom.report.RequestInterval;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The search's logic on intervals made up here: a target whose latency and errors are a function of
 * the rate, fed to the search as the workers would report them.
 */
class CapacitySearchTest {

  /** 4 s steps, 1 s settle: 3 judged intervals a step. */
  private static CapacityPlan plan(Map<String, Object> slo, double start, double max, String precision) {
    return CapacityPlan.of(new Capacity(slo, start, max, "4s", "1s", precision, 100.0, null));
  }

  private static final Map<String, Object> P99_AND_ERRORS = new LinkedHashMap<>();

  static {
    P99_AND_ERRORS.put("p99", "100ms");
    P99_AND_ERRORS.put("errorRate", "1%");
  }

  /** A target: p99-ish latency and error share at a rate. */
  interface Target {
    long latencyUs(double rate);

    default double errors(double rate) {
      return 0;
    }

    default boolean saturated(double rate) {
      return false;
    }

    /** What the generator really sent when asked for {@code rate}. */
    default double offered(double rate) {
      return rate;
    }

    /** How late every send was, microseconds; negative: a worker that does not report its lags. */
    default long sendLagUs(double rate) {
      return -1;
    }
  }

  /** Runs a whole search against {@code target}, one worker, feeding each step's intervals. */
  private static CapacitySearch search(CapacityPlan plan, Target target, int workers) {
    CapacitySearch s = CapacitySearch.start(plan, workers);
    Map<Integer, Long> seqs = new HashMap<>();
    for (int guard = 0; guard < 500 && !s.finished(); guard++) {
      int step = s.currentStep();
      double rate = s.currentRate();
      int stage = CapacityPlan.judgedStage(step);
      long seq = seqs.merge(stage, 1L, Long::sum) + 1000L * stage;
      for (int w = 0; w < workers; w++) {
        s.add(w, interval(seq, stage, target.offered(rate) / workers, target.latencyUs(rate), target.errors(rate),
            target.saturated(rate), target.sendLagUs(rate)));
      }
      CapacitySearch.Next next = s.review(workerSet(workers));
      assertFalse(next instanceof CapacitySearch.Step st && st.step() != step + 1, "steps go one at a time");
    }
    assertTrue(s.finished(), "the search ends");
    return s;
  }

  private static Set<Integer> workerSet(int n) {
    Set<Integer> set = new java.util.TreeSet<>();
    for (int i = 0; i < n; i++) {
      set.add(i);
    }
    return set;
  }

  /** One second of one worker at {@code rate}: every request at {@code latencyUs}. */
  static IntervalReport interval(long seq, int stage, double rate, long latencyUs, double errorShare, boolean saturated) {
    return interval(seq, stage, rate, latencyUs, errorShare, saturated, -1);
  }

  /** The same, with every send {@code sendLagUs} late (negative: lags not reported). */
  static IntervalReport interval(long seq, int stage, double rate, long latencyUs, double errorShare, boolean saturated,
      long sendLagUs) {
    long count = Math.round(rate);
    long errors = Math.round(count * errorShare);
    Histogram h = HistogramCodec.newHistogram();
    if (count - errors > 0) {
      h.recordValueWithCount(latencyUs, count - errors);
    }
    Map<String, Long> byKind = errors == 0 ? Map.of() : Map.of("status_503", errors);
    Map<String, RequestInterval> requests = new LinkedHashMap<>();
    requests.put("browse", new RequestInterval(count, byKind, 0, HistogramCodec.encode(h)));
    long startMs = seq * 1000;
    return new IntervalReport(seq, stage, startMs, startMs + 1000, requests,
        new GeneratorHealth(100, 100, saturated ? 0.95 : 0.1, 0, saturated, sendLagUs < 0 ? null : lags(count, sendLagUs)));
  }

  private static String lags(long sends, long lagUs) {
    Histogram lag = HistogramCodec.newHistogram();
    lag.recordValueWithCount(Math.max(lagUs, 1), Math.max(sends, 1));
    return HistogramCodec.encode(lag);
  }

  /** Latency at the service time up to capacity, a queue growing past the SLO beyond it. */
  private static Target queue(double capacity) {
    return rate -> rate <= capacity ? 10_000 : 1_000_000;
  }

  @Test
  void findsTheCapacityWithinThePrecisionInThePlannedSteps() {
    for (double truth : new double[] {700, 1900, 3400}) {
      CapacityPlan plan = plan(P99_AND_ERRORS, 100, 20_000, "5%");
      CapacitySearch s = search(plan, queue(truth), 1);
      CapacityReport r = CapacityReport.of(s, 1);
      double found = r.result().maxSustainableRps();
      assertTrue(found <= truth && found >= truth / 1.05, "found " + found + " for " + truth);
      assertTrue(r.result().breakingRps() / found - 1 <= 0.05, r.message());
      assertEquals("p99", r.result().limitedBy());
      List<Double> asked = s.steps().stream().map(CapacityStep::targetRps).toList();
      assertEquals(CapacitySearch.plannedRates(plan, truth), asked, "the rates the plan implies, in order");
      assertTrue(asked.size() <= plan.maxSteps());
      assertEquals(Verdict.Pass, r.verdict());
    }
  }

  @Test
  void stepsUpByTwoThenBisectsGeometrically() {
    CapacityPlan plan = plan(P99_AND_ERRORS, 100, 20_000, "5%");
    assertEquals(List.of(100.0, 200.0, 400.0, 800.0, 566.0, 673.0, 734.0, 703.0, 703.0),
        CapacitySearch.plannedRates(plan, 700), "the breaking rate is run again before it stands");
    assertEquals(List.of(100.0, 200.0), CapacitySearch.plannedRates(plan(P99_AND_ERRORS, 100, 200, "5%"), 1e9),
        "nothing breaks: up to maxRate and no further");
  }

  @Test
  void aFailureThatDoesNotRepeatWasNoiseAndTheSearchGoesOnAboveIt() {
    CapacityPlan plan = plan(P99_AND_ERRORS, 100, 20_000, "5%");
    int[] seen800 = {0};
    Target noisy = rate -> {
      if (rate == 800 && seen800[0]++ == 0) {
        return 150_000; // one slow step: a neighbour took the CPU
      }
      return rate <= 1500 ? 10_000 : 1_000_000;
    };
    CapacitySearch s = search(plan, noisy, 1);
    double found = CapacityReport.of(s, 1).result().maxSustainableRps();
    assertTrue(found >= 1500 / 1.05 && found <= 1500, "found " + found + " past the noisy 800 rps step: " + s.steps());
    assertEquals(2, s.steps().stream().filter(st -> st.targetRps() == 800).count(), "800 rps run again, and held");
  }

  @Test
  void errorsThatBreakFirstAreNamed() {
    Target limited = new Target() {
      public long latencyUs(double rate) {
        return 5_000;
      }

      public double errors(double rate) {
        return rate <= 300 ? 0 : 1 - 300 / rate;
      }
    };
    CapacityReport r = CapacityReport.of(search(plan(P99_AND_ERRORS, 100, 5000, "5%"), limited, 2), 2);
    assertEquals("errorRate", r.result().limitedBy());
    assertTrue(r.result().maxSustainableRps() >= 285 && r.result().maxSustainableRps() <= 303, r.message());
  }

  @Test
  void aGeneratorThatCannotKeepUpGivesNoCapacityFigure() {
    Target fast = new Target() {
      public long latencyUs(double rate) {
        return 1_000;
      }

      public boolean saturated(double rate) {
        return rate > 3000;
      }

      public double offered(double rate) {
        return Math.min(rate, 3000);
      }
    };
    CapacitySearch s = search(plan(P99_AND_ERRORS, 1000, 100_000, "5%"), fast, 1);
    assertEquals(List.of(1000.0, 2000.0, 4000.0, 4000.0), s.steps().stream().map(CapacityStep::targetRps).toList(),
        "a step the generator could not offer is run once more before it ends the search");
    CapacityReport r = CapacityReport.of(s, 1);
    assertEquals(CapacitySearch.GENERATOR, r.result().limitedBy());
    assertNull(r.result().maxSustainableRps(), "never the generator's figure as the target's");
    assertNull(r.result().breakingRps());
    assertTrue(r.message().startsWith("no capacity figure: the generator could not offer 4000 rps with 1 worker"),
        r.message());
    assertTrue(r.message().contains("workers (or as much more CPU) would offer maxRate 100000 rps"), r.message());
    assertTrue(r.message().contains("the target held at least 2000 rps"), r.message());
  }

  @Test
  void aBusyGeneratorDoesNotSpoilAStepThatMetTheSloAtTheFullRateButDoesOneThatFailed() {
    Target busy = new Target() {
      public long latencyUs(double rate) {
        return rate <= 1900 ? 10_000 : 1_000_000;
      }

      public boolean saturated(double rate) {
        return true; // a neighbour keeps the CPU busy: send lag flags every interval
      }
    };
    CapacityReport r = CapacityReport.of(search(plan(P99_AND_ERRORS, 100, 20_000, "5%"), busy, 1), 1);
    assertEquals(CapacitySearch.GENERATOR, r.result().limitedBy(), "the first failure may be the generator's lag");
    assertTrue(r.message().contains("the target held at least 1600 rps"), r.message());
  }

  /**
   * A search of journeys judged on the scenario's journey durations: each journey is three
   * requests of 10 ms, and journeys last 400 ms up to 300 journeys/s, 5 s beyond. Rates and figures
   * count journeys, not the three times as many requests.
   */
  @Test
  void aSearchOfJourneysStepsJourneysAndJudgesTheScenarioSlo() {
    Map<String, Object> slo = Map.of("scenarios", Map.of("shop", Map.of("p99", "2s")));
    CapacityPlan plan = CapacityPlan.of(new Capacity(slo, 50.0, 2000.0, "4s", "1s", "5%", 100.0, null), true);
    CapacitySearch s = CapacitySearch.start(plan, 1);
    Map<Integer, Long> seqs = new HashMap<>();
    for (int guard = 0; guard < 100 && !s.finished(); guard++) {
      double rate = s.currentRate();
      int stage = CapacityPlan.judgedStage(s.currentStep());
      long seq = seqs.merge(stage, 1L, Long::sum) + 1000L * stage;
      IntervalReport requests = interval(seq, stage, rate * 3, 10_000, 0, false, 1_000);
      Histogram durations = HistogramCodec.newHistogram();
      durations.recordValueWithCount(rate <= 300 ? 400_000 : 5_000_000, Math.round(rate));
      s.add(0, new IntervalReport(seq, stage, requests.startMs(), requests.endMs(), requests.requests(),
          requests.generator(), List.of(), Map.of("shop", new JourneyInterval(Math.round(rate), Math.round(rate),
              Map.of(), HistogramCodec.encode(durations)))));
      s.review(workerSet(1));
    }
    CapacityReport r = CapacityReport.of(s, 1);
    assertEquals("p99 of shop journeys", r.result().limitedBy(), r.message());
    double found = r.result().maxSustainableRps();
    assertTrue(found <= 300 && found >= 300 / 1.05, r.message());
    for (CapacityStep step : s.steps()) {
      assertEquals(step.targetRps(), step.rps(), 0.01, "achieved counts journeys, not their requests: " + step);
    }
    assertTrue(r.message().startsWith("sustains " + Math.round(found) + " journeys/s at p99 of shop journeys <= 2s;"
        + " breaks at "), r.message());
    assertTrue(r.message().endsWith("journeys/s on p99 of shop journeys: " + CapacityReport.headroom(found, 100.0)
        + " today's 100 journeys/s"), r.message());
  }

  /** A target that breaks past 1900 rps with a second's queue, beside a generator always saturated and late. */
  private static Target breaksBesideALateGenerator(long sendLagUs, long latencyOverUs) {
    return new Target() {
      public long latencyUs(double rate) {
        return rate <= 1900 ? 10_000 : latencyOverUs;
      }

      public boolean saturated(double rate) {
        return true;
      }

      public long sendLagUs(double rate) {
        return sendLagUs;
      }
    };
  }

  @Test
  void aBreachFarBeyondTheGeneratorsSendLagIsTheTargetsEvenWhileTheGeneratorIsSaturated() {
    // 13 ms of send lag cannot make a p99 of a second: the target broke, whatever the generator did.
    CapacitySearch s = search(plan(P99_AND_ERRORS, 100, 20_000, "5%"), breaksBesideALateGenerator(13_000, 1_000_000), 1);
    CapacityReport r = CapacityReport.of(s, 1);
    assertEquals("p99", r.result().limitedBy(), r.message());
    double found = r.result().maxSustainableRps();
    assertTrue(found <= 1900 && found >= 1900 / 1.05, "found " + found);
    CapacityStep broken = s.steps().stream().filter(st -> Boolean.FALSE.equals(st.passed())).findFirst().orElseThrow();
    assertTrue(broken.note().contains("saturated in 100% of worker-intervals, but its send lag (p99 13ms) cannot "
        + "account for the breach"), broken.note());
  }

  @Test
  void aBreachTheGeneratorsSendLagCouldAccountForIsStillTheGenerators() {
    // 10 ms of service time + twice 60 ms of lag covers a 120 ms p99: the target may be innocent.
    CapacityReport r = CapacityReport.of(
        search(plan(P99_AND_ERRORS, 100, 20_000, "5%"), breaksBesideALateGenerator(60_000, 120_000), 1), 1);
    assertEquals(CapacitySearch.GENERATOR, r.result().limitedBy(), r.message());
    assertNull(r.result().maxSustainableRps(), r.message());
  }

  @Test
  void aDeadTargetEndsTheSearchAtItsFirstStepAtOnce() {
    CapacityPlan plan = plan(P99_AND_ERRORS, 100, 5000, "5%");
    CapacitySearch s = CapacitySearch.start(plan, 1);
    // The first judged interval is enough: every request failed.
    s.add(0, interval(0, CapacityPlan.judgedStage(0), 150, 1000, 1.0, false));
    assertInstanceOf(CapacitySearch.Finish.class, s.review(Set.of(0)));
    CapacityReport r = CapacityReport.of(s, 1);
    assertEquals(Verdict.Fail, r.verdict());
    assertNull(r.result().maxSustainableRps());
    assertEquals("errorRate", r.result().limitedBy());
    assertTrue(r.message().startsWith("no step met the SLO"), r.message());
    assertTrue(s.steps().get(0).note().startsWith("ended early: 100% errors"), s.steps().get(0).note());
  }

  @Test
  void aStepShortOfSamplesIsHeldLongerBeforeItIsJudged() {
    CapacityPlan plan = plan(Map.of("p99", "100ms"), 200, 5000, "5%");
    assertEquals(1000, plan.minSamples(), "p99 needs a thousand");
    CapacitySearch s = CapacitySearch.start(plan, 1);
    int stage = CapacityPlan.judgedStage(0);
    int intervals = 0;
    while (s.currentStep() == 0 && intervals < 100) {
      s.add(0, interval(intervals, stage, 200, 10_000, 0, false));
      intervals++;
      s.review(Set.of(0));
    }
    assertEquals(6, intervals, "600 samples in its 3 s: held to 6 s for 1,000, then judged");
    assertTrue(s.steps().get(0).requests() >= 1000);
  }

  @Test
  void aStepStillShortAtItsLongestSaysSo() {
    CapacityPlan plan = plan(Map.of("p999", "100ms"), 10, 5000, "5%");
    CapacitySearch s = CapacitySearch.start(plan, 1);
    for (int i = 0; s.currentStep() == 0 && i < 100; i++) {
      s.add(0, interval(i, CapacityPlan.judgedStage(0), 10, 10_000, 0, false));
      s.review(Set.of(0));
    }
    CapacityStep first = s.steps().get(0);
    assertEquals(120, first.requests(), "held at most 4 times its 3 s");
    assertEquals("only 120 samples: 10000 make the verdict sound", first.note());
  }

  @Test
  void aWindowWaitsForEveryLiveWorker() {
    CapacitySearch s = CapacitySearch.start(plan(P99_AND_ERRORS, 100, 5000, "5%"), 2);
    int stage = CapacityPlan.judgedStage(0);
    for (int seq = 0; seq < 3; seq++) {
      s.add(0, interval(seq, stage, 400, 10_000, 0, false));
    }
    assertInstanceOf(CapacitySearch.Hold.class, s.review(Set.of(0, 1)), "worker 1 has not reported");
    assertInstanceOf(CapacitySearch.Step.class, s.review(Set.of(0)), "lost, it no longer holds the step back");
  }

  @Test
  void aResumedSearchKeepsItsJudgedStepsAndGoesOnFromThem() {
    CapacityPlan plan = plan(P99_AND_ERRORS, 100, 20_000, "5%");
    CapacitySearch whole = search(plan, queue(1900), 1);
    List<CapacityStep> recorded = whole.steps().subList(0, 6);
    assertFalse(recorded.get(5).passed(), "3200 rps broke it");
    CapacitySearch resumed = CapacitySearch.resume(plan, 1, recorded);
    assertEquals(6, resumed.currentStep());
    assertEquals(whole.steps().get(6).targetRps(), resumed.currentRate(), "the same next rate");
    assertEquals(recorded, resumed.steps().subList(0, 6));
    assertEquals(Duration.ofSeconds(4), resumed.coolDown(), "after a broken step, a step's rest");
  }

  @Test
  void theHeadroomVerdictHoldsTheRequiredMultiple() {
    CapacityPlan plan = CapacityPlan.of(new Capacity(P99_AND_ERRORS, 100.0, 20_000.0, "4s", "1s", "5%", 800.0, 10.0));
    CapacityReport r = CapacityReport.of(search(plan, queue(3400), 1), 1);
    assertEquals(Verdict.Fail, r.verdict(), r.message());
    assertTrue(r.message().matches("sustains 3\\d{3} rps at p99 <= 100ms, errorRate <= 1%; breaks at 3\\d{3} rps on p99:"
        + " 4\\.\\d+x today's 800 rps, below the required 10x"), r.message());
    assertTrue(r.result().headroom().matches("4\\.\\d+x"), r.result().headroom());
  }

  @Test
  void aSearchCutShortClaimsNoCapacity() {
    CapacityPlan plan = plan(P99_AND_ERRORS, 400, 20_000, "5%");
    CapacitySearch s = CapacitySearch.start(plan, 1);
    for (int seq = 0; seq < 3; seq++) {
      s.add(0, interval(seq, CapacityPlan.judgedStage(0), 400, 10_000, 0, false));
    }
    s.review(Set.of(0));
    assertFalse(s.finished());
    CapacityReport r = CapacityReport.of(s, 1); // cancelled: the workers stopped at step 2
    assertEquals(Verdict.Fail, r.verdict());
    assertNull(r.result().maxSustainableRps());
    assertEquals("the search ended before it found the capacity: 1 step judged: held 400 rps", r.message());
    assertEquals(2, r.result().steps().size(), "the judged step and the one cut short");
  }
}
