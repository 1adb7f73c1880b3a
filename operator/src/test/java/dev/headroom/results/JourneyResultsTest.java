package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.api.v1alpha1.ScenarioResult;
import dev.headroom.api.v1alpha1.StageResult;
import dev.headroom.api.v1alpha1.Summary;
import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.api.v1alpha1.ThresholdResult;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.JourneyInterval;
import dev.headroom.report.RequestInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Journeys merge across workers exactly, skip the warmup, and survive a checkpoint. */
class JourneyResultsTest {

  private static final List<PlannedStage> STAGES = List.of(new PlannedStage(10_000_000_000L, 20.0));
  private static final List<String> STEPS = List.of("login", "cart");
  private static final List<String> SCENARIOS = List.of("shop", "idle");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Two workers, ten measured intervals each after one of warmup, and one recorder that saw them all. */
  private static final class Journeys {
    final List<List<IntervalReport>> byWorker = new ArrayList<>();
    final Histogram all = HistogramCodec.newHistogram();
    long started;
    long failed;

    Journeys() {
      SplittableRandom random = new SplittableRandom(7);
      for (int w = 0; w < 2; w++) {
        List<IntervalReport> reports = new ArrayList<>();
        for (int seq = 0; seq < 11; seq++) {
          Histogram h = HistogramCodec.newHistogram();
          int done = 8 + random.nextInt(4);
          for (int i = 0; i < done; i++) {
            h.recordValue(200_000 + random.nextInt(400_000));
          }
          boolean warmup = seq == 0;
          if (!warmup) {
            all.add(h);
            started += done + 2;
            failed += 2;
          }
          RequestInterval step = new RequestInterval(done + 2, Map.of(), 0, HistogramCodec.encode(h));
          reports.add(new IntervalReport(seq, warmup ? -1 : 0, seq * 1000L, seq * 1000L + 1000,
              Map.of("login", step, "cart", step), null, List.of(),
              Map.of("shop", new JourneyInterval(done + 2, done, Map.of("capture", 1L, "status_503", 1L),
                  HistogramCodec.encode(h)))));
        }
        byWorker.add(reports);
      }
    }

    RunResults feed(RunResults results, int upTo) {
      for (int w = 0; w < byWorker.size(); w++) {
        for (IntervalReport r : byWorker.get(w).subList(0, upTo)) {
          results.add(w, r);
        }
      }
      return results;
    }
  }

  @Test
  void scenariosMergeExactlyInPlanOrderWithoutTheWarmup() {
    Journeys j = new Journeys();
    RunReport report = j.feed(new RunResults(STAGES, STEPS, SCENARIOS), 11).report(List.of());

    assertEquals(SCENARIOS, report.scenarios().stream().map(ScenarioResult::name).toList());
    ScenarioResult shop = report.scenarios().get(0);
    assertEquals(j.started, shop.started());
    assertEquals(j.failed, shop.failed());
    assertEquals(j.started - j.failed, shop.completed());
    assertEquals(Map.of("capture", j.failed / 2, "status_503", j.failed / 2), shop.failedByKind());
    assertEquals(Latencies.of(j.all), shop.duration(), "the durations of one recorder that saw every journey");
    ScenarioResult idle = report.scenarios().get(1);
    assertEquals(0, idle.started(), "a scenario with no journey is still reported");
    assertNull(idle.duration());
  }

  /** A scenario plan's rates count journeys: its targets stand beside journeys achieved, never beside requests. */
  @Test
  void targetsOfJourneysStandBesideJourneysAchieved() {
    Journeys j = new Journeys();
    RunReport report = j.feed(new RunResults(STAGES, STEPS, SCENARIOS), 11).report(List.of());
    double journeysPerSecond = Rates.round(j.started / 10.0);

    Summary summary = report.summary();
    assertNull(summary.targetRps(), "no target of requests");
    assertEquals(20.0, summary.targetJourneysPerSecond());
    assertEquals(journeysPerSecond, summary.journeysPerSecond());
    assertEquals(Rates.round(2 * j.started / 10.0), summary.rps(), "requests: login and cart, two a journey");
    StageResult stage = report.stages().get(0);
    assertNull(stage.targetRps());
    assertEquals(20.0, stage.targetJourneysPerSecond());
    assertEquals(journeysPerSecond, stage.journeysPerSecond());
    assertEquals(summary.rps(), stage.rps());
  }

  /** The last interval, for live metrics, has every worker's journeys beside their requests, and a target of journeys. */
  @Test
  void theLastIntervalCountsEveryWorkersJourneysBesideTheirRequests() {
    Journeys j = new Journeys();
    RunResults results = j.feed(new RunResults(STAGES, STEPS, SCENARIOS), 11);
    long started = j.byWorker.stream().mapToLong(reports -> reports.get(10).journeys().get("shop").started()).sum();

    RunResults.LastInterval last = results.lastInterval().orElseThrow();
    assertTrue(results.countsJourneys());
    assertEquals(started, last.journeys());
    assertEquals(2 * started, last.requests(), "login and cart, two a journey");
    assertEquals(20.0, last.targetRps(), 1e-9, "the plan's rate, which counts journeys");
  }

  /** A threshold on a scenario judges its journeys: their durations, the share failed, journeys per second. */
  @Test
  void thresholdsOnAScenarioJudgeItsJourneys() {
    Journeys j = new Journeys();
    RunResults results = j.feed(new RunResults(STAGES, STEPS, SCENARIOS), 11);
    String p99 = Latencies.of(j.all).p99();

    List<ThresholdResult> evaluated = results.report(List.of(
        new Threshold("p99", null, "1s", null, "shop"),
        new Threshold("p99", null, "100ms", null, "shop"),
        new Threshold("errorRate", null, "1%", null, "shop"),
        new Threshold("p99", null, "1s", null, "idle"))).thresholds();

    assertEquals(List.of(true, false, false, false), evaluated.stream().map(ThresholdResult::passed).toList());
    assertEquals(p99, evaluated.get(0).actual(), "the journeys' p99, not the requests'");
    assertEquals(Percent.format((double) j.failed / j.started), evaluated.get(2).actual());
    assertNull(evaluated.get(3).actual(), "a scenario with no journey did not meet its gate");
    assertEquals("shop journeys p99 " + p99 + " <= 1s", ThresholdText.of(evaluated.get(0)));
  }

  @Test
  void aCheckpointCarriesTheJourneysOn() throws Exception {
    Journeys j = new Journeys();
    RunResults uninterrupted = j.feed(new RunResults(STAGES, STEPS, SCENARIOS), 11);

    RunResults before = j.feed(new RunResults(STAGES, STEPS, SCENARIOS), 6);
    String written = JSON.writeValueAsString(before.checkpoint(RunResults.CHECKPOINT_BUDGET));
    RunResults after = RunResults.restore(STAGES, STEPS, SCENARIOS, JSON.readValue(written, ResultsCheckpoint.class));
    j.feed(after, 11);

    assertEquals(uninterrupted.report(List.of()), after.report(List.of()));
  }

  /** A checkpoint without some scenario (none of its journeys yet, say) still restores the plan's, in its order. */
  @Test
  void aRestoredRunReportsThePlansScenariosInPlanOrder() throws Exception {
    Journeys j = new Journeys();
    RunResults before = j.feed(new RunResults(STAGES, STEPS, List.of()), 6);
    ResultsCheckpoint c = JSON.readValue(JSON.writeValueAsString(before.checkpoint(RunResults.CHECKPOINT_BUDGET)),
        ResultsCheckpoint.class);

    List<ScenarioResult> restored = RunResults.restore(STAGES, STEPS, List.of("idle", "shop"), c)
        .report(List.of()).scenarios();

    assertEquals(List.of("idle", "shop"), restored.stream().map(ScenarioResult::name).toList());
    assertEquals(before.report(List.of()).scenarios().get(0), restored.get(1), "shop's journeys carried on");
  }

  @Test
  void anIntervalWithACorruptJourneyHistogramMergesNothing() {
    RunResults results = new RunResults(STAGES, STEPS, SCENARIOS);
    RequestInterval step = new RequestInterval(1, Map.of(), 0, HistogramCodec.encode(HistogramCodec.newHistogram()));
    IntervalReport corrupt = new IntervalReport(0, 0, 0, 1000, Map.of("login", step), null, List.of(),
        Map.of("shop", new JourneyInterval(1, 1, Map.of(), "not a histogram")));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> results.add(0, corrupt));
    assertTrue(e.getMessage().startsWith("worker 0, interval 0, scenario shop journey durations: "), e.getMessage());
    assertEquals(-1, results.lastSeq(0));
    assertEquals(0, results.report(List.of()).summary().requests());
    assertEquals(0, results.report(List.of()).scenarios().get(0).started());
  }
}
