package dev.headroom.engine;

import static dev.headroom.testing.Plans.get;
import static dev.headroom.testing.Plans.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.ExecutionPlan;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.target.DemoTarget;
import dev.headroom.target.DemoTargetOptions;
import dev.headroom.testing.Await;
import dev.headroom.testing.DemoTargetExtension;
import dev.headroom.testing.Plans;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A generator whose event loop is blocked shows it: in latency, and as saturation. */
class GeneratorStallTest {

  @RegisterExtension static final DemoTargetExtension TARGET = DemoTargetExtension.fast(100);

  @Test
  void aBlockedEventLoopShowsInLatencyAndMarksTheIntervalSaturated() {
    ExecutionPlan plan = Plans.open(TARGET.url(), 16, "2s", List.of(get("r", "/", 1)), rate("3s", 200));

    List<List<IntervalReport>> runs = WorkerRuns.run(TARGET.vertx(), plan, 1, LoadWorker.Options.defaults(),
        Duration.ofSeconds(20), workers -> {
          LoadWorker w = workers.get(0);
          Await.until("the run is a second in", Duration.ofSeconds(5), () -> w.intervalsAfter(-1).intervals().size() >= 1);
          w.onEveryLane(() -> spin(Duration.ofMillis(200)));
        });

    WorkerRuns.Totals t = WorkerRuns.Totals.of(runs, null);
    assertEquals(600, t.count, "late requests are sent late, not skipped");
    assertTrue(t.latency.getMaxValue() >= 150_000, "requests due during the stall waited: max " + t.latency.getMaxValue());
    assertTrue(t.maxStallMs >= 150, "stall measured: " + t.maxStallMs + " ms");
    assertTrue(runs.get(0).stream().anyMatch(r -> r.generator().saturated()), "an interval is marked saturated");

    // The intervals ship their send lags whole: merged, they hold one lag per request, the stall's among them.
    Histogram lag = HistogramCodec.newHistogram();
    runs.get(0).forEach(r -> lag.add(HistogramCodec.decode(r.generator().sendLag())));
    assertEquals(600, lag.getTotalCount(), "one send lag per request");
    assertTrue(lag.getMaxValue() >= 150_000, "requests due during the stall left late: max lag " + lag.getMaxValue() + " us");
    assertEquals(lag.getMaxValue(), lag.highestEquivalentValue(
        runs.get(0).stream().mapToLong(r -> r.generator().sendLagMaxUs()).max().orElseThrow()), "the same maximum as the intervals report");
  }

  /** Keeps the calling thread busy, as a stuck event loop would be. */
  private static void spin(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
