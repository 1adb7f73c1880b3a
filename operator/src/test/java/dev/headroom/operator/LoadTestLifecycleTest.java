package dev.headroom.operator;

import static dev.headroom.api.v1alpha1.LoadTestPhase.Failed;
import static dev.headroom.api.v1alpha1.LoadTestPhase.Running;
import static dev.headroom.api.v1alpha1.LoadTestPhase.Starting;
import static dev.headroom.api.v1alpha1.LoadTestPhase.Succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.operator.kube.Cluster;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.operator.run.RunTrigger;
import dev.headroom.session.Conditions;
import dev.headroom.plan.Plan;
import dev.headroom.testing.DemoTargetExtension;
import dev.headroom.worker.WireJson;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run from spec to merged results, with real workers on loopback: the phases, the status, the
 * results ConfigMap, the Events, the workers' exit; an operator restart mid-run; a spec edited
 * mid-run.
 */
class LoadTestLifecycleTest {

  @RegisterExtension static final DemoTargetExtension TARGET = DemoTargetExtension.fast(100);

  static final Duration T = Duration.ofSeconds(15);

  /** Two workers at {@code rate} requests/s in total for {@code duration}. */
  static LoadTest twoWorkers(String name, double rate, String duration) {
    return LoadTests.named(name, """
        target: {url: "%s", timeout: 1s}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: %s, rate: %s}]}
        workers: {replicas: 2}
        thresholds: [{metric: p99, max: 1s}, {metric: errorRate, max: "1%%"}]
        """.formatted(TARGET.url(), duration, rate));
  }

  @Test
  void aRunGoesFromSpecToMergedResultsAndItsWorkersExit() {
    try (Harness h = new Harness(TARGET.vertx(), twoWorkers("quick", 20, "2s"))) {
      h.untilPhase(Succeeded, T);
      LoadTestStatus s = h.status();
      assertEquals(List.of(Starting, Running, Succeeded), h.phases);
      assertEquals(1, s.getRun());
      assertEquals(1L, s.getObservedGeneration());
      assertEquals(40L, s.getSummary().requests(), "2 workers x 20 requests, merged");
      assertTrue(h.progressWritten() > 0, "live progress while running");
      // Polled every 0.1 s for over 2 s, but progress is written at most every 0.3 s.
      assertTrue(h.writes() < 14, "status writes: " + h.writes());
      assertEquals(0L, s.getSummary().errors());
      assertEquals(Verdict.Pass, s.getVerdict());
      assertEquals(2, s.getThresholds().size());
      assertTrue(s.getMessage().contains("all 2 thresholds met"), s.getMessage());
      assertEquals(2, s.getWorkers().desired());
      assertEquals(0, s.getWorkers().lost());
      assertNotNull(s.getStartTime());
      assertNotNull(s.getCompletionTime());
      assertNull(s.getProgress(), "progress is live only");
      assertCondition(s, Conditions.VALID, "True", "SpecValid");
      assertCondition(s, Conditions.WORKERS_READY, "True", "AllReady");
      assertCondition(s, Conditions.THRESHOLDS_MET, "True", "AllMet");
      assertTrue(Conditions.get(s, Conditions.GENERATOR_SATURATED).isPresent(), "the generator's health is judged");
      assertTrue(s.getConditions().stream().allMatch(c -> c.getObservedGeneration() == 1L));

      ConfigMap results = h.cluster.get(ConfigMap.class, "ConfigMap", "ns", "quick-run1-results").orElseThrow();
      assertEquals("quick-run1-results", s.getResults().configMap());
      assertTrue(results.getData().get("intervals.hlog").contains("StartTime"));
      assertTrue(results.getData().get("status.json").contains("\"requests\":40"));

      assertEquals(3, h.cluster.events.size(), "one Event per phase: " + h.cluster.events);
      assertTrue(h.cluster.events.get(0).startsWith("Normal Starting: run 1: starting 2 workers"));
      assertTrue(h.cluster.events.get(1).startsWith("Normal Running: run 1: 2 of 2 workers sending"));
      assertTrue(h.cluster.events.get(2).startsWith("Normal Succeeded: 20 rps for 2s"), h.cluster.events.get(2));

      h.until("workers exit after /stop", T, lt -> h.kubelet.exited(1, 0) && h.kubelet.exited(1, 1));
      int writes = h.writes();
      h.reconcile();
      assertTrue(h.last().isNoUpdate(), "nothing changed: no status write");
      assertEquals(writes, h.writes());
      assertEquals(3, h.cluster.events.size(), "no Event without a phase change");
    }
  }

  @Test
  void anOperatorRestartMidRunLosesNothing() {
    LoadTest lt = LoadTests.named("restart", """
        target: {url: "%s"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 2s, rate: 30}]}
        workers: {replicas: 2}
        """.formatted(TARGET.url()));
    try (Harness h = new Harness(TARGET.vertx(), lt)) {
      h.until("both workers' first interval merged", T, t -> merged(h) >= 2);
      assertEquals(Running, h.status().getPhase());
      h.restartOperator();
      h.untilPhase(Succeeded, T);
      assertEquals(60L, h.status().getSummary().requests(), "the same totals as without the restart");
      assertEquals(List.of(Starting, Running, Succeeded), h.phases);
      h.until("workers exit", T, t -> h.kubelet.exited(1, 0) && h.kubelet.exited(1, 1));
    }
  }

  @Test
  void anOperatorRestartAfterTheWorkersDroppedAcknowledgedIntervalsLosesNothing() {
    try (Harness h = new Harness(TARGET.vertx(), twoWorkers("soak", 40, "4s"))) {
      // A checkpoint was written and both workers have since dropped what it holds.
      h.until("acknowledged intervals dropped", T, t -> h.cluster.saves.contains("soak-run1-checkpoint")
          && dropped(h, 0) >= 1 && dropped(h, 1) >= 1);
      long dropped = h.kubelet.worker(1, 0).intervalsAfter(-1).droppedUpTo();
      assertTrue(h.kubelet.worker(1, 0).intervalsAfter(-1).intervals().stream().allMatch(r -> r.seq() > dropped),
          "a worker keeps nothing acknowledged");
      assertEquals(Running, h.status().getPhase());

      h.restartOperator();
      h.untilPhase(Succeeded, T);
      assertEquals(160L, h.status().getSummary().requests(), "the same totals as without the restart: "
          + h.status().getMessage());
      assertEquals(List.of(Starting, Running, Succeeded), h.phases);
      h.until("the checkpoint is removed once the run has ended", T,
          t -> h.cluster.configMap("ns", "soak-run1-checkpoint").isEmpty());
    }
  }

  @Test
  void aCheckpointThatCannotBeWrittenCostsNoDataAndIsAnnouncedOnce() {
    try (Harness h = new Harness(TARGET.vertx(), twoWorkers("unsaved", 40, "3s"))) {
      h.cluster.failSaves = new Cluster.Refused("exceeded quota: configmaps");
      h.until("running a while", T, t -> h.status().getPhase() == Running && merged(h) >= 4);
      assertEquals(-1, dropped(h, 0), "nothing was acknowledged: nothing was recorded durably");
      h.untilPhase(Succeeded, T);
      assertEquals(120L, h.status().getSummary().requests());
      assertEquals(1, h.cluster.events.stream().filter(e -> e.startsWith("Warning CheckpointFailed: ")
          && e.contains("exceeded quota: configmaps")).count(), h.cluster.events.toString());
    }
  }

  @Test
  void aRestartedOperatorWithoutTheCheckpointFailsTheRunRatherThanUndercount() {
    try (Harness h = new Harness(TARGET.vertx(), twoWorkers("lost", 40, "4s"))) {
      h.until("acknowledged intervals dropped", T, t -> dropped(h, 0) >= 1);
      h.cluster.deleteConfigMap("ns", "lost-run1-checkpoint");
      h.restartOperator();
      h.untilPhase(Failed, T);
      assertTrue(h.status().getMessage().contains("dropped intervals up to"), h.status().getMessage());
      assertTrue(h.status().getConditions().stream().anyMatch(c -> "IntervalsLost".equals(c.getReason())),
          h.status().getConditions().toString());
    }
  }

  @Test
  void aNewRunTokenRunsTheSameSpecAgainAndTheSameTokenDoesNot() {
    try (Harness h = new Harness(TARGET.vertx(), twoWorkers("token", 20, "1s"))) {
      h.untilPhase(Succeeded, T);
      assertNull(h.status().getRunToken());
      h.reconcile();
      assertEquals(1, h.status().getRun(), "nothing changed: no new run");

      h.loadTest().getMetadata().setAnnotations(new java.util.HashMap<>(Map.of(RunTrigger.RUN_TOKEN, "build-41")));
      h.until("run 2", T, lt -> lt.getStatus().getRun() == 2 && lt.getStatus().getPhase() == Succeeded);
      assertEquals("build-41", h.status().getRunToken());
      assertEquals(1L, h.status().getObservedGeneration(), "the same spec, run again");
      h.reconcile();
      h.reconcile();
      assertEquals(2, h.status().getRun(), "the same token again (a sync that changed nothing): no new run");

      h.loadTest().getMetadata().getAnnotations().put(RunTrigger.RUN_TOKEN, "build-42");
      h.until("run 3", T, lt -> lt.getStatus().getRun() == 3 && lt.getStatus().getPhase() == Succeeded);
      assertEquals(20L, h.status().getSummary().requests(), "a whole run of its own");
    }
  }

  @Test
  void aStartSeenAgainFromAStaleStatusIsTheSameStart() {
    try (Harness h = new Harness(TARGET.vertx(), twoWorkers("stale", 40, "1s"))) {
      h.untilPhase(Running, T);
      String startTime = h.status().getStartTime();
      h.clock.advance(Duration.ofSeconds(1)); // so the start sent again names another instant
      h.reconcileStale();
      assertEquals(Running, h.status().getPhase(), "still running: " + h.status().getMessage());
      assertEquals(startTime, h.status().getStartTime(), "the workers' start instant is kept");
      h.untilPhase(Succeeded, T);
      assertEquals(40L, h.status().getSummary().requests(), "each request once: one start per worker");
      assertTrue(h.cluster.events.stream().noneMatch(e -> e.contains("StartFailed")), h.cluster.events.toString());
    }
  }

  @Test
  void anOperatorThatTakesOverAStartedRunFollowsTheStartItWasNotTold() {
    try (Harness h = new Harness(TARGET.vertx(), twoWorkers("takeover", 40, "1s"))) {
      h.untilPhase(Running, T);
      String startTime = h.status().getStartTime();
      // The operator went away after starting the workers, before "Running" reached the API server.
      h.restartOperator();
      h.clock.advance(Duration.ofSeconds(1)); // so the new operator's start names another instant
      h.reconcileStale();
      assertEquals(Running, h.status().getPhase(), "taken over: " + h.status().getMessage());
      assertEquals(startTime, h.status().getStartTime(), "the instant the workers run from");
      h.untilPhase(Succeeded, T);
      assertEquals(40L, h.status().getSummary().requests());
    }
  }

  /** The last interval worker {@code index} of run 1 has dropped, -1 when none (or no worker yet). */
  static long dropped(Harness h, int index) {
    return h.status().getPhase() != Running ? -1 : h.kubelet.worker(1, index).intervalsAfter(-1).droppedUpTo();
  }

  static double merged(Harness h) {
    return h.registry.counter("headroom.worker.intervals.merged").count();
  }

  @Test
  void aSpecEditedMidRunWaitsForTheNextRun() throws Exception {
    try (Harness h = new Harness(TARGET.vertx(), twoWorkers("edit", 20, "1s"))) {
      h.untilPhase(Running, T);
      h.editSpec(twoWorkers("edit", 10, "1s").getSpec());
      h.reconcile();
      assertEquals(Running, h.status().getPhase(), "the run goes on");
      Condition changed = Conditions.get(h.status(), Conditions.SPEC_CHANGED).orElseThrow();
      assertEquals("True", changed.getStatus());
      assertEquals(2L, changed.getObservedGeneration());
      assertEquals(1L, h.status().getObservedGeneration(), "the status describes the run's spec");
      String since = changed.getLastTransitionTime();

      h.until("run 1 ends", T, lt -> lt.getStatus().getRun() == 1 && lt.getStatus().getPhase() == Succeeded
          || lt.getStatus().getRun() == 2);
      h.until("run 2 ends", T, lt -> lt.getStatus().getRun() == 2 && lt.getStatus().getPhase() == Succeeded);
      assertEquals(10L, h.status().getSummary().requests(), "run 2 used the edited rate");
      assertEquals(List.of(Starting, Running, Succeeded, Starting, Running, Succeeded), h.phases);
      assertTrue(h.kubelet.exited(1, 0) && h.kubelet.exited(1, 1), "run 1's workers were stopped before run 2");
      assertEquals(2L, h.status().getObservedGeneration());
      Condition applied = Conditions.get(h.status(), Conditions.SPEC_CHANGED).orElseThrow();
      assertEquals("False", applied.getStatus());
      assertFalse(since.isEmpty());

      ConfigMap plan1 = h.cluster.configMap("ns", "edit-run1-plan").orElseThrow();
      ConfigMap plan2 = h.cluster.configMap("ns", "edit-run2-plan").orElseThrow();
      assertEquals(20.0, WireJson.MAPPER.readValue(plan1.getData().get(WorkerResources.PLAN_KEY), Plan.class)
          .load().stages().get(0).rate(), "run 1's plan is never changed");
      assertEquals(10.0, WireJson.MAPPER.readValue(plan2.getData().get(WorkerResources.PLAN_KEY), Plan.class)
          .load().stages().get(0).rate());
    }
  }

  static void assertCondition(LoadTestStatus s, String type, String status, String reason) {
    Condition c = Conditions.get(s, type).orElseThrow(() -> new AssertionError("no condition " + type));
    assertEquals(status, c.getStatus(), type);
    assertEquals(reason, c.getReason(), type);
  }
}
