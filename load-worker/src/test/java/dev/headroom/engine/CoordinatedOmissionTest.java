package dev.headroom.engine;

import static dev.headroom.testing.Plans.get;
import static dev.headroom.testing.Plans.rate;
import static dev.headroom.testing.Plans.users;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.ExecutionPlan;
import dev.headroom.target.DemoTarget;
import dev.headroom.target.DemoTargetOptions;
import dev.headroom.testing.DemoTargetExtension;
import dev.headroom.testing.Plans;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A target that freezes for 1 s every 4 s. At a constant arrival rate, a quarter of all requests
 * are due while it is frozen; one due at t in a freeze ending at e waits e - t, so those waits are
 * spread evenly over (0, 1 s]. Hence P(latency > x) = 0.25 (1 - x / 1 s): the open model must
 * report p90 = 600 ms and p99 = 960 ms. (Long freezes keep the expected figures far above the
 * scheduling noise of a busy 2-core machine.) A closed model only has its few users
 * stuck in each freeze, so it reports a fast p99 and hides the freeze in the max alone: the
 * coordinated omission that the open model exists to avoid.
 */
class CoordinatedOmissionTest {

  static final Duration FREEZE = Duration.ofSeconds(1);
  static final Duration EVERY = Duration.ofSeconds(4);

  @RegisterExtension static final DemoTargetExtension TARGET = new DemoTargetExtension(DemoTargetOptions.defaults()
      .withConcurrency(400).withServiceTime(Duration.ofMillis(1)).withFreezes(FREEZE, EVERY));

  @Test
  void openModelShowsTheFreezeInItsPercentiles() {
    // Two whole freeze periods, so exactly a quarter of the run is frozen whatever the phase.
    ExecutionPlan plan = Plans.open(TARGET.url(), 150, "3s", List.of(get("all", "/", 1)), rate("8s", 100));

    WorkerRuns.Totals t = WorkerRuns.Totals.of(WorkerRuns.run(TARGET.vertx(), plan, 2, Duration.ofSeconds(20)), null);

    assertEquals(800, t.count);
    assertEquals(0, t.errors(), "errors " + t.errors);
    long p50 = t.micros(50);
    long p90 = t.micros(90);
    long p99 = t.micros(99);
    assertTrue(p50 < 50_000, "p50 is an unfrozen request: " + p50 + " us");
    assertTrue(Math.abs(p90 - 600_000) < 0.08 * 600_000, "p90 expected ~600 ms, got " + p90 + " us");
    assertTrue(Math.abs(p99 - 960_000) < 0.05 * 960_000, "p99 expected ~960 ms, got " + p99 + " us");
  }

  @Test
  void closedModelOfTheSameTargetHidesTheFreeze() {
    ExecutionPlan open = Plans.open(TARGET.url(), 150, "3s", List.of(get("all", "/", 1)), rate("4s", 100));
    ExecutionPlan closed = Plans.closed(TARGET.url(), 8, "3s", List.of(get("all", "/", 1)), users("4s", 8));

    WorkerRuns.Totals o = WorkerRuns.Totals.of(WorkerRuns.run(TARGET.vertx(), open, 1, Duration.ofSeconds(20)), null);
    WorkerRuns.Totals c = WorkerRuns.Totals.of(WorkerRuns.run(TARGET.vertx(), closed, 1, Duration.ofSeconds(20)), null);

    assertEquals(0, c.errors(), "errors " + c.errors);
    assertTrue(c.count > 2 * o.count, "closed users go flat out between freezes: " + c.count + " vs " + o.count);
    assertTrue(c.latency.getMaxValue() > 800_000, "a user stuck in a freeze waits it out: max " + c.latency.getMaxValue());
    assertTrue(c.micros(99) * 5 < o.micros(99),
        "closed p99 " + c.micros(99) + " us hides what open p99 " + o.micros(99) + " us shows");
  }
}
