package dev.headroom.engine;

import static dev.headroom.testing.Plans.get;
import static dev.headroom.testing.Plans.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.ExecutionPlan;
import dev.headroom.report.IntervalReport;
import dev.headroom.target.DemoTarget;
import dev.headroom.target.DemoTargetOptions;
import dev.headroom.testing.DemoTargetExtension;
import dev.headroom.testing.Plans;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fixed-rate run sends the planned number of requests, in the planned mix, across workers. */
class RateAccuracyTest {

  @RegisterExtension static final DemoTargetExtension TARGET = DemoTargetExtension.fast(200);

  @Test
  void threeWorkersSendExactlyThePlannedCountAndMix() {
    // 150 rps for 2 s then a ramp 150 -> 450 rps over 2 s: 300 + 600 = 900 requests in all.
    ExecutionPlan plan = Plans.open(TARGET.url(), 8, "2s",
        List.of(get("browse", "/products", 3), get("order", "/orders", 1)),
        rate("2s", 150), new dev.headroom.plan.Stage("2s", 150.0, 450.0, null, null));
    long servedBefore = TARGET.target().served();

    List<List<IntervalReport>> runs = WorkerRuns.run(TARGET.vertx(), plan, 3, Duration.ofSeconds(20));

    WorkerRuns.Totals all = WorkerRuns.Totals.of(runs, null);
    assertEquals(900, all.count, "requests sent by all workers");
    assertEquals(0, all.errors(), "errors " + all.errors);
    assertEquals(675, WorkerRuns.Totals.of(runs, "browse").count);
    assertEquals(225, WorkerRuns.Totals.of(runs, "order").count);
    for (List<IntervalReport> worker : runs) {
      long mine = worker.stream().flatMap(r -> r.requests().values().stream()).mapToLong(ri -> ri.count()).sum();
      assertEquals(300, mine, "each of 3 workers takes a third");
    }
    assertEquals(900, TARGET.target().served() - servedBefore, "the target saw every request");

    // Per stage: 2 s at 150 rps, then the ramp's area.
    long stage0 = countStage(runs, 0);
    long stage1 = countStage(runs, 1);
    assertEquals(300, stage0);
    assertEquals(600, stage1);
    // Intervals are numbered without gaps and never straddle the stage boundary.
    for (List<IntervalReport> worker : runs) {
      for (int i = 0; i < worker.size(); i++) {
        assertEquals(i, worker.get(i).seq());
      }
      assertTrue(worker.stream().allMatch(r -> r.endMs() - r.startMs() <= 1000));
    }
  }

  private static long countStage(List<List<IntervalReport>> runs, int stage) {
    return runs.stream().flatMap(List::stream).filter(r -> r.stage() == stage)
        .flatMap(r -> r.requests().values().stream()).mapToLong(ri -> ri.count()).sum();
  }
}
