package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.RequestResult;
import dev.headroom.api.v1alpha1.StageResult;
import dev.headroom.report.GeneratorHealth;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalBatch;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.RequestInterval;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RunResultsMergeTest {

  private static final long SECOND = 1_000_000_000L;
  private static final List<PlannedStage> STAGES =
      List.of(new PlannedStage(10 * SECOND, 550.0), new PlannedStage(20 * SECOND, 1000.0));

  private final SyntheticRun run = new SyntheticRun(42, 4, 3, List.of(10, 20), 300);

  private RunResults fed() {
    return run.feed(new RunResults(STAGES, SyntheticRun.NAMES));
  }

  @Test
  void mergedHistogramsEqualOneRecorderThatSawEveryRequest() {
    RunResults results = fed();

    Histogram merged = results.total().latency();
    assertEquals(run.all, merged);
    for (HistogramIterationValue v : run.all.recordedValues()) {
      assertEquals(v.getCountAtValueIteratedTo(), merged.getCountAtValue(v.getValueIteratedTo()));
    }
    for (int stage = 0; stage < 2; stage++) {
      assertEquals(run.byStage.get(stage), results.stage(stage).orElseThrow().latency(), "stage " + stage);
    }
    for (RequestResult r : results.report(List.of()).requests()) {
      assertEquals(Latencies.of(run.byRequest.get(r.name())), r.latency(), r.name());
    }
  }

  @Test
  void intervalCountsSumToTheTotals() {
    RunReport report = fed().report(List.of());

    assertEquals(run.requests, report.summary().requests());
    assertEquals(run.errors, report.summary().errors());
    assertEquals(run.errorsByKind, report.summary().errorsByKind());
    assertEquals(run.requests, report.stages().stream().mapToLong(StageResult::requests).sum());
    assertEquals(run.errors, report.stages().stream().mapToLong(StageResult::errors).sum());
    assertEquals(run.requests, report.requests().stream().mapToLong(RequestResult::requests).sum());
    for (RequestResult r : report.requests()) {
      assertEquals(run.requestsByName.get(r.name()), r.requests(), r.name());
    }
  }

  @Test
  void addingTheSameIntervalsAgainInAnyOrderChangesNothing() {
    RunResults results = fed();
    RunReport before = results.report(List.of());
    String logBefore = results.intervalLog();

    List<Map.Entry<Integer, IntervalReport>> again = new ArrayList<>(run.all());
    Collections.shuffle(again, new Random(7));
    for (Map.Entry<Integer, IntervalReport> e : again) {
      assertFalse(results.add(e.getKey(), e.getValue()), "re-added " + e);
    }
    assertEquals(before, results.report(List.of()));
    assertEquals(logBefore, results.intervalLog());

    // An operator restarted mid-run pulls everything again, in whatever order the workers answer
    // (each worker's own intervals in order, as a pull returns them).
    RunResults restarted = new RunResults(STAGES, SyntheticRun.NAMES);
    List<Integer> workerOrder = new ArrayList<>(java.util.stream.IntStream.range(0, run.byWorker.size()).boxed().toList());
    Collections.shuffle(workerOrder, new Random(3));
    workerOrder.forEach(w -> run.byWorker.get(w).forEach(r -> restarted.add(w, r)));
    assertEquals(before, restarted.report(List.of()));
  }

  @Test
  void aBatchFromGetIntervalsMergesAsItsIntervalsAndMovesTheWorkersCursor() {
    RunResults results = new RunResults(STAGES, SyntheticRun.NAMES);
    assertEquals(-1, results.lastSeq(2));
    List<IntervalReport> worker2 = run.byWorker.get(2);

    assertEquals(10, results.add(new IntervalBatch(2, 4, "running", worker2.subList(0, 10))));
    assertEquals(9, results.lastSeq(2));
    assertEquals(
        worker2.size() - 10, results.add(new IntervalBatch(2, 4, "finished", worker2)));
    assertEquals(worker2.size() - 1, results.lastSeq(2));
    assertEquals(-1, results.lastSeq(0));
  }

  @Test
  void warmupIsInNoResultButCountsInElapsedTime() {
    RunResults results = fed();
    RunReport clean = results.report(List.of());
    // A slow, failing warmup interval from a fifth worker.
    results.add(4, Reports.report(0, -1, "browse", 1000, Map.of("timeout", 900L), 30_000_000, 100));

    RunReport report = results.report(List.of());
    assertEquals(clean.summary(), report.summary());
    assertEquals(run.all, results.total().latency());
    assertEquals("33s", results.progress().orElseThrow().elapsed());
  }

  @Test
  void ratesAreMeasuredRequestsOverMeasuredTime() {
    RunReport report = fed().report(List.of());

    assertEquals(Rates.round(run.requests / 30.0), report.summary().rps());
    StageResult first = report.stages().get(0);
    assertEquals(Rates.round(first.requests() / 10.0), first.rps());
    assertEquals(550.0, first.targetRps());
    assertEquals((550.0 * 10 + 1000.0 * 20) / 30, report.summary().targetRps(), 0.05);
    RequestResult browse = report.requests().get(0);
    assertEquals(Rates.round(browse.requests() / 30.0), browse.rps());
  }

  @Test
  void aStageCutShortIsMeasuredOverTheTimeItRan() {
    RunResults results = new RunResults(STAGES, SyntheticRun.NAMES);
    // Stage 1 is planned for 20s; the run is cancelled after 5 of them.
    for (long seq = 0; seq < 15; seq++) {
      results.add(0, Reports.report(seq, seq < 10 ? 0 : 1, "browse", 600, Map.of(), 2_000, 600));
    }
    RunReport report = results.report(List.of());

    assertEquals(600.0, report.stages().get(1).rps());
    assertEquals(600.0, report.summary().rps());
  }

  @Test
  void aRequestWithNoTrafficIsStillReportedInPlanOrder() {
    RunResults results = new RunResults(STAGES, List.of("order", "browse"));
    results.add(0, Reports.report(0, 0, "browse", 10, Map.of(), 2_000, 10));

    List<RequestResult> requests = results.report(List.of()).requests();
    assertEquals(List.of("order", "browse"), requests.stream().map(RequestResult::name).toList());
    assertEquals(0L, requests.get(0).requests());
    assertNull(requests.get(0).latency());
  }

  @Test
  void anIntervalWithABadHistogramIsRejectedWhole() {
    RunResults results = new RunResults(STAGES, SyntheticRun.NAMES);
    Map<String, RequestInterval> requests =
        Map.of(
            "browse", Reports.mixed(10, Map.of(), 2_000, 0, 0),
            "order", new RequestInterval(5, Map.of(), 0, "not-a-histogram"));
    IntervalReport bad = Reports.report(3, 0, false, requests);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> results.add(1, bad));
    assertTrue(e.getMessage().contains("worker 1, interval 3, request order"), e.getMessage());
    assertEquals(0, results.total().requests());
    assertEquals(-1, results.lastSeq(1));
  }

  @Test
  void anIntervalWithABadSendLagHistogramIsRejectedWhole() {
    RunResults results = new RunResults(STAGES, SyntheticRun.NAMES);
    IntervalReport good = Reports.report(3, 0, false, Map.of("browse", Reports.mixed(10, Map.of(), 2_000, 0, 0)));
    IntervalReport bad = new IntervalReport(good.seq(), good.stage(), good.startMs(), good.endMs(), good.requests(),
        new GeneratorHealth(0, 0, 0.2, 0, false, "not-a-histogram"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> results.add(1, bad));
    assertTrue(e.getMessage().contains("worker 1, interval 3, send lag"), e.getMessage());
    assertEquals(0, results.total().requests());
    assertEquals(-1, results.lastSeq(1));
    assertTrue(results.add(1, good), "a good copy of it is merged later, not skipped as seen");
  }

  @Test
  void saturatedWorkerIntervalsAreCountedOverMeasuredOnes() {
    RunResults results = new RunResults(STAGES, SyntheticRun.NAMES);
    for (long seq = 0; seq < 20; seq++) {
      Map<String, RequestInterval> r = Map.of("browse", Reports.mixed(10, Map.of(), 2_000, 0, 0));
      results.add(0, Reports.report(seq, seq < 2 ? -1 : 0, seq < 4, r));
    }
    GeneratorSaturation saturation = results.saturation();

    assertEquals(new GeneratorSaturation(2, 18, -1), saturation);
    assertTrue(saturation.significant());
  }

  @Test
  void theRunsSendLagP99ComesFromTheWorkersMergedLagHistograms() {
    RunResults results = new RunResults(STAGES, SyntheticRun.NAMES);
    Histogram all = HistogramCodec.newHistogram();
    Random random = new Random(7);
    for (int worker = 0; worker < 3; worker++) {
      for (long seq = 0; seq < 6; seq++) {
        Histogram lag = HistogramCodec.newHistogram();
        for (int i = 0; i < 500; i++) {
          // Mostly tens of microseconds, with one worker's fourth second far behind.
          long us = worker == 2 && seq == 3 ? 2_000 + random.nextInt(8_000) : 20 + random.nextInt(80);
          lag.recordValue(us);
          if (seq >= 2) {
            all.recordValue(us);
          }
        }
        GeneratorHealth health = new GeneratorHealth(lag.getValueAtPercentile(99), lag.getMaxValue(), 0.5, 0, false,
            HistogramCodec.encode(lag));
        Map<String, RequestInterval> r = Map.of("browse", Reports.mixed(10, Map.of(), 2_000, 0, 0));
        long start = SyntheticRun.START_MS + seq * 1000;
        results.add(worker, new IntervalReport(seq, seq < 2 ? -1 : 0, start, start + 1000, r, health));
      }
    }

    // 500 of the 6000 measured lags are in the slow second: over 1%, so the run's p99 is in it,
    // although no other worker-interval's p99 is above 100 us. Warmup lags are left out.
    assertEquals(all.getValueAtPercentile(99), results.saturation().sendLagP99Us());
    assertTrue(results.saturation().sendLagP99Us() >= 2_000, "p99 " + results.saturation().sendLagP99Us());
    assertTrue(results.saturation().describe().startsWith("generator kept up: saturated in 0% of worker-intervals (0 of 12), send lag p99 "),
        results.saturation().describe());
  }
}
