package dev.headroom.engine;

import static dev.headroom.testing.Plans.get;
import static dev.headroom.testing.Plans.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.ExecutionPlan;
import dev.headroom.report.IntervalReport;
import dev.headroom.testing.Await;
import dev.headroom.testing.DemoTargetExtension;
import dev.headroom.testing.Plans;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rate changes as a capacity search makes them: every worker changes at the agreed instant, without
 * reconnecting or leaving a gap, tags the new step's intervals with it, and the step's count adds up
 * exactly across workers.
 */
class RateStepTest {

  @RegisterExtension static final DemoTargetExtension TARGET = DemoTargetExtension.fast(200);

  @Test
  void threeWorkersChangeRateAtTheAgreedInstantAndTheStepCountsAddUpExactly() {
    ExecutionPlan plan = Plans.open(TARGET.url(), 8, "2s", List.of(get("browse", "/", 1)), rate("30s", 300));
    long[] at = new long[2];
    List<List<IntervalReport>> runs = WorkerRuns.run(TARGET.vertx(), plan, 3,
        new LoadWorker.Options(1, LoadWorker.Options.DEFAULT_QUEUE), Duration.ofSeconds(30), workers -> {
          at[0] = System.currentTimeMillis() + 1_300;
          at[1] = at[0] + 2_000;
          for (LoadWorker w : workers) {
            assertEquals(new LoadWorker.RateStep(1, 600, at[0]), w.setRate(600, at[0], 1));
            assertEquals(new LoadWorker.RateStep(2, 0, at[1]), w.setRate(0, at[1], 2));
            assertEquals(new LoadWorker.RateStep(1, 600, at[0]), w.setRate(600, at[0] + 5, 1),
                "asked again, the step is as it was taken");
          }
          Await.until("every worker reported a step-2 interval", Duration.ofSeconds(15),
              () -> workers.stream().allMatch(w -> w.intervalsAfter(-1).intervals().stream().anyMatch(r -> r.stage() == 2)));
          workers.forEach(LoadWorker::stop);
        });

    long firstStart = runs.get(0).get(0).startMs();
    long stage0 = count(runs, 0);
    assertEquals(300 * (at[0] - firstStart) / 1000.0, stage0, 1.0, "stage 0 at 300 rps until the change");
    assertEquals(1200, count(runs, 1), "2 s at 600 rps, across the workers, exactly");
    Map<Long, String> bySeq = new HashMap<>();
    for (List<IntervalReport> worker : runs) {
      assertEquals(400, worker.stream().filter(r -> r.stage() == 1).flatMap(r -> r.requests().values().stream())
          .mapToLong(ri -> ri.count()).sum(), "a third each");
      IntervalReport firstOfStep = worker.stream().filter(r -> r.stage() == 1).findFirst().orElseThrow();
      assertEquals(at[0], firstOfStep.startMs(), "the step starts at the agreed instant");
      for (int i = 0; i < worker.size(); i++) {
        IntervalReport r = worker.get(i);
        assertEquals(i, r.seq(), "no gap in the intervals");
        // The last interval ends where each worker was stopped, one after the other: only its
        // stage and start are the same everywhere.
        String end = i == worker.size() - 1 ? "stop" : Long.toString(r.endMs());
        String shape = r.stage() + "@" + r.startMs() + "-" + end;
        assertEquals(bySeq.computeIfAbsent(r.seq(), s -> shape), shape, "every worker tags a seq alike");
        if (i > 0) {
          assertEquals(worker.get(i - 1).endMs(), r.startMs(), "no gap in time either");
        }
      }
      assertEquals(0, worker.stream().flatMap(r -> r.requests().values().stream()).mapToLong(ri -> ri.errorCount()).sum());
    }
    assertTrue(count(runs, 2) == 0, "rate 0: nothing sent");
  }

  private static long count(List<List<IntervalReport>> runs, int stage) {
    return runs.stream().flatMap(List::stream).filter(r -> r.stage() == stage)
        .flatMap(r -> r.requests().values().stream()).mapToLong(ri -> ri.count()).sum();
  }
}
