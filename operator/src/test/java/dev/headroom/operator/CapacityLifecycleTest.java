package dev.headroom.operator;

import static dev.headroom.api.v1alpha1.LoadTestPhase.Running;
import static dev.headroom.api.v1alpha1.LoadTestPhase.Starting;
import static dev.headroom.api.v1alpha1.LoadTestPhase.Succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.capacity.CapacityPlan;
import dev.headroom.capacity.CapacitySearch;
import dev.headroom.target.DemoTargetOptions;
import dev.headroom.testing.DemoTargetExtension;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A capacity search through the reconciler with real workers on loopback, against a target of
 * known capacity (4 servers of 10 ms: 400 rps): live steps in status, the result, and operator
 * restarts mid-search, including one between a rate change and the status that records it. The
 * SLO (p95 at 3x the service time) and the rates are chosen so every rate the plan asks for is
 * clearly on one side of the capacity: 2% over it builds a queue past the SLO within a step.
 */
class CapacityLifecycleTest {

  @RegisterExtension
  static final DemoTargetExtension TARGET = new DemoTargetExtension(DemoTargetOptions.defaults().withPort(0)
      .withConcurrency(4).withServiceTime(Duration.ofMillis(10)));

  static final double TRUTH = 400;
  static final Duration T = Duration.ofSeconds(120);

  static LoadTest search(String name) {
    return LoadTests.named(name, """
        target: {url: "%s", timeout: 2s}
        requests: [{name: home, path: /}]
        load: {warmup: 1s}
        workers: {replicas: 2}
        capacity: {slo: {p95: 30ms, errorRate: "1%%"}, startRate: 45, maxRate: 2000, stepDuration: 3s,
                   settle: 1s, precision: "10%%", currentRate: 20, requiredHeadroom: 10}
        """.formatted(TARGET.url()));
  }

  static List<CapacityStep> judged(LoadTestStatus s) {
    return s == null || s.getCapacity() == null ? List.of()
        : s.getCapacity().steps().stream().filter(CapacityStep::judged).toList();
  }

  static Predicate<LoadTest> judgedAtLeast(int n) {
    return lt -> judged(lt.getStatus()).size() >= n;
  }

  static List<Double> planned(LoadTest lt) {
    return CapacitySearch.plannedRates(CapacityPlan.of(lt.getSpec().capacity()), TRUTH);
  }

  /** The finished search: near the truth, in the planned steps, numbered without gaps. */
  static void assertFound(Harness h) {
    LoadTestStatus s = h.status();
    assertEquals(Succeeded, s.getPhase(), s.getMessage());
    assertNotNull(s.getCapacity().maxSustainableRps(), s.getMessage());
    double found = s.getCapacity().maxSustainableRps();
    assertTrue(Math.abs(found - TRUTH) <= 0.1 * TRUTH, "found " + found + ": " + s.getMessage());
    assertEquals("p95", s.getCapacity().limitedBy(), s.getMessage());
    List<CapacityStep> steps = s.getCapacity().steps();
    for (int i = 0; i < steps.size(); i++) {
      assertEquals(i, steps.get(i).step(), "steps in order, none lost or repeated");
      assertTrue(steps.get(i).judged());
    }
    assertEquals(planned(h.loadTest()), steps.stream().map(CapacityStep::targetRps).toList(),
        "the rates the plan implies for a 400 rps target");
    assertEquals(Verdict.Pass, s.getVerdict(), "over 10x today's 20 rps");
    assertTrue(s.getMessage().startsWith("sustains "), s.getMessage());
    assertNull(s.getStages(), "a search reports steps");
    assertTrue(h.cluster.events.stream().noneMatch(e -> e.contains("StepFailed")), h.cluster.events.toString());
  }

  @Test
  void aSearchRunsToItsCapacityWithLiveStepsInStatus() {
    try (Harness h = new Harness(TARGET.vertx(), search("found"))) {
      h.until("a step judged while the search runs", T, lt -> judgedAtLeast(1).test(lt)
          && lt.getStatus().getPhase() == Running);
      LoadTestStatus live = h.status();
      CapacityStep current = live.getCapacity().steps().get(live.getCapacity().steps().size() - 1);
      assertNull(current.passed(), "the step in progress has no verdict yet");
      assertTrue(live.getMessage().matches("run 1: 2 of 2 workers sending; step \\d+ at \\d+(\\.\\d)? rps; holds .*"),
          live.getMessage());
      h.untilPhase(Succeeded, T);
      assertEquals(List.of(Starting, Running, Succeeded), h.phases);
      assertFound(h);
    }
  }

  @Test
  void anOperatorRestartedMidSearchResumesFromTheRecordedSteps() {
    try (Harness h = new Harness(TARGET.vertx(), search("restart"))) {
      h.until("two steps judged", T, judgedAtLeast(2));
      // ...and the workers dropped what a checkpoint holds: the step under way is judged from
      // intervals they kept because the search still needed them.
      h.until("acknowledged intervals dropped", T, lt -> h.cluster.saves.contains("restart-run1-checkpoint")
          && h.kubelet.worker(1, 0).intervalsAfter(-1).droppedUpTo() >= 0);
      List<CapacityStep> before = judged(h.status());
      h.restartOperator();
      h.untilPhase(Succeeded, T);
      assertEquals(before, judged(h.status()).subList(0, before.size()), "no step judged before is lost or redone");
      assertFound(h);
    }
  }

  @Test
  void anOperatorGoneBetweenARateChangeAndItsStatusFollowsTheWorkers() {
    try (Harness h = new Harness(TARGET.vertx(), search("gone")))  {
      h.until("a second step under way", T, judgedAtLeast(1));
      // The step just started reached the workers, but the operator went away before its status
      // was written: the new one sees the step before still running, judges it again, and asks
      // for the same next step, which the workers answer with the instant they took it at.
      h.restartOperator();
      h.reconcileStale();
      assertEquals(Running, h.status().getPhase(), h.status().getMessage());
      h.untilPhase(Succeeded, T);
      assertFound(h);
    }
  }
}
