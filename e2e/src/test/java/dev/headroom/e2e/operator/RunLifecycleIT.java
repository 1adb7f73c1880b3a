package dev.headroom.e2e.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.ThresholdResult;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.e2e.ClusterExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A run from the user's side: a threshold that cannot hold, a spec edited after and during a run,
 * a run token changed (and a sync that changes nothing), a LoadTest deleted mid-run, and the TTL
 * that removes the workers but keeps the results.
 */
@ExtendWith({ClusterExtension.class, HeadroomExtension.class})
class RunLifecycleIT {

  private final KubernetesClient client;
  private final LoadTests loadTests;

  RunLifecycleIT(KubernetesClient client, LoadTests loadTests) {
    this.client = client;
    this.loadTests = loadTests;
  }

  @Test
  void aThresholdTheTargetCannotMeetGivesVerdictFailOnASucceededRun() {
    // The demo target takes 10 ms per request: a 1 ms median is out of reach.
    ShortRun run = ShortRun.of("too-slow", 1, 50, 4).with("thresholds: [{metric: p50, max: 1ms}]");
    loadTests.create(run.yaml());

    LoadTestStatus s = loadTests.awaitEnd(run.name(), 1).getStatus();
    assertEquals(LoadTestPhase.Succeeded, s.getPhase(), () -> loadTests.describe(run.name()));
    assertEquals(Verdict.Fail, s.getVerdict(), s.getMessage());
    assertEquals(run.planned(), s.getSummary().requests());
    ThresholdResult p50 = s.getThresholds().get(0);
    assertEquals("p50", p50.metric());
    assertFalse(p50.passed(), p50.toString());
    assertTrue(p50.actual().endsWith("ms") && !p50.actual().startsWith("0."), p50.toString());
    assertEquals("False", condition(s, "ThresholdsMet"));
    assertTrue(loadTests.events(run.name()).stream().anyMatch(e -> e.startsWith("Warning ")),
        () -> loadTests.events(run.name()).toString());
  }

  @Test
  void eachPhaseChangeIsAnnouncedByOneEvent() {
    ShortRun run = ShortRun.of("announced", 1, 50, 2);
    loadTests.create(run.yaml());
    assertEquals(LoadTestPhase.Succeeded, loadTests.awaitEnd(run.name(), 1).getStatus().getPhase(),
        () -> loadTests.describe(run.name()));

    List<String> reasons = loadTests.events(run.name()).stream().map(e -> e.substring(0, e.indexOf(':'))).toList();
    assertEquals(List.of("Normal Starting", "Normal Running", "Normal Succeeded"), reasons,
        () -> String.join("\n", loadTests.events(run.name())));
  }

  @Test
  void aSpecEditedAfterTheRunRunsItAgain() {
    ShortRun first = ShortRun.of("edited-after", 1, 50, 3);
    loadTests.create(first.yaml());
    assertEquals(LoadTestPhase.Succeeded, loadTests.awaitEnd(first.name(), 1).getStatus().getPhase(),
        () -> loadTests.describe(first.name()));

    // What a GitOps tool does when the manifest in git changes.
    loadTests.patch(first.name(), "{\"spec\": {\"load\": {\"stages\": [{\"duration\": \"3s\", \"rate\": 40}]}}}");

    LoadTest lt = loadTests.awaitEnd(first.name(), 2);
    LoadTestStatus s = lt.getStatus();
    assertEquals(LoadTestPhase.Succeeded, s.getPhase(), () -> loadTests.describe(first.name()));
    assertEquals(2, s.getRun());
    assertEquals(lt.getMetadata().getGeneration(), s.getObservedGeneration());
    assertEquals(40 * 3, s.getSummary().requests(), "run 2 used the edited spec");
    assertEquals("edited-after-run2-results", s.getResults().configMap());
    assertEquals(first.planned(), resultsOf("edited-after-run1-results").getSummary().requests(),
        "run 1's results stay");
  }

  @Test
  void aNewRunTokenRunsTheSameSpecAgainAndASyncThatChangesNothingRunsNothing() {
    ShortRun run = ShortRun.of("tokened", 1, 20, 2);
    String b1 = run.yaml().replace("metadata: {name: tokened}",
        "metadata: {name: tokened, annotations: {headroom.dev/run-token: b1}}");
    loadTests.apply(b1);
    assertEquals(LoadTestPhase.Succeeded, loadTests.awaitEnd(run.name(), 1).getStatus().getPhase(),
        () -> loadTests.describe(run.name()));

    loadTests.apply(b1); // an Argo CD sync of an unchanged manifest
    loadTests.apply(b1.replace("run-token: b1", "run-token: b2")); // a pipeline's next build
    LoadTest lt = loadTests.await(run.name(), "the run of token b2 to end", t -> t.getStatus() != null
        && "b2".equals(t.getStatus().getRunToken()) && t.getStatus().getCompletionTime() != null
        && t.getStatus().getPhase() == LoadTestPhase.Succeeded, LoadTests.RUN_TIMEOUT);
    assertEquals(2, lt.getStatus().getRun(), "the unchanged sync started nothing: " + loadTests.describe(run.name()));
    assertEquals(1L, lt.getStatus().getObservedGeneration(), "the same spec, run again");
    assertEquals(run.planned(), lt.getStatus().getSummary().requests());
  }

  @Test
  void aSpecEditedDuringARunLeavesTheRunAloneAndAppliesToTheNext() {
    ShortRun first = ShortRun.of("edited-during", 1, 50, 6);
    loadTests.create(first.yaml());
    loadTests.awaitPhase(first.name(), LoadTestPhase.Running);

    loadTests.patch(first.name(), "{\"spec\": {\"load\": {\"stages\": [{\"duration\": \"3s\", \"rate\": 40}]}}}");
    loadTests.await(first.name(), "condition SpecChanged=True during run 1",
        lt -> LoadTests.run(lt) == 1 && "True".equals(condition(lt.getStatus(), "SpecChanged")), LoadTests.RUN_TIMEOUT);

    LoadTestStatus s = loadTests.awaitEnd(first.name(), 2).getStatus();
    assertEquals(LoadTestPhase.Succeeded, s.getPhase(), () -> loadTests.describe(first.name()));
    assertEquals(40 * 3, s.getSummary().requests(), "run 2 used the edited spec");
    assertEquals("False", condition(s, "SpecChanged"));
    assertEquals(first.planned(), resultsOf("edited-during-run1-results").getSummary().requests(),
        "run 1 went on with the spec it started with");
  }

  @Test
  void deletingALoadTestMidRunLeavesNoPodObjectOrProcess() {
    ShortRun run = ShortRun.of("deleted", 2, 50, 60);
    loadTests.create(run.yaml());
    loadTests.awaitPhase(run.name(), LoadTestPhase.Running);
    List<ProcessHandle> workers = loadTests.pods(run.name()).stream().map(RunLifecycleIT::process).toList();
    assertEquals(2, workers.size());

    loadTests.named(run.name()).delete();

    loadTests.awaitNoPods(run.name(), Duration.ofSeconds(30));
    for (ProcessHandle worker : workers) {
      LoadTests.within(worker.onExit(), Duration.ofSeconds(10), () -> "worker process " + worker.pid() + " still running");
    }
    loadTests.awaitNoObjects(run.name(), Duration.ofSeconds(30));
  }

  @Test
  void aForegroundDeleteAfterTheRunStartsNoOtherRun() {
    ShortRun run = ShortRun.of("pruned", 1, 50, 2);
    loadTests.create(run.yaml());
    assertEquals(LoadTestPhase.Succeeded, loadTests.awaitEnd(run.name(), 1).getStatus().getPhase(),
        () -> loadTests.describe(run.name()));

    // As Argo CD prunes: the LoadTest waits for its owned objects, with a deletion timestamp and a
    // generation the API server raised, which must not pass for a spec edit.
    loadTests.named(run.name()).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

    loadTests.awaitNoObjects(run.name(), Duration.ofSeconds(30));
    LoadTests.within(loadTests.named(run.name()).informOnCondition(List::isEmpty), Duration.ofSeconds(30),
        () -> "the LoadTest is still there: " + loadTests.describe(run.name()));
    assertEquals(1, loadTests.events(run.name()).stream().filter(e -> e.startsWith("Normal Starting")).count(),
        () -> String.join("\n", loadTests.events(run.name())));
  }

  @Test
  void theTtlRemovesTheWorkersButKeepsTheLoadTestAndItsResults() {
    ShortRun run = ShortRun.of("short-lived", 1, 50, 3).with("ttlSecondsAfterFinished: 1");
    loadTests.create(run.yaml());
    assertEquals(LoadTestPhase.Succeeded, loadTests.awaitEnd(run.name(), 1).getStatus().getPhase(),
        () -> loadTests.describe(run.name()));

    loadTests.awaitObjects(run.name(), List.of("ConfigMap/short-lived-run1-results"), Duration.ofSeconds(30));
    LoadTest lt = loadTests.named(run.name()).get();
    assertEquals(run.planned(), lt.getStatus().getSummary().requests());
  }

  /** The status a finished run stored in its results ConfigMap. */
  private LoadTestStatus resultsOf(String configMap) {
    ConfigMap results = loadTests.configMap(configMap).orElseThrow(() -> new AssertionError("no ConfigMap " + configMap));
    return client.getKubernetesSerialization().unmarshal(results.getData().get("status.json"), LoadTestStatus.class);
  }

  /** The status of a condition, or null when absent. */
  static String condition(LoadTestStatus s, String type) {
    return s.getConditions() == null ? null : s.getConditions().stream().filter(c -> c.getType().equals(type))
        .map(c -> c.getStatus()).findFirst().orElse(null);
  }

  /** The local process of a worker pod: the process kubelet reports container IDs as {@code process://<pid>}. */
  static ProcessHandle process(Pod pod) {
    String id = pod.getStatus().getContainerStatuses().get(0).getContainerID();
    long pid = Long.parseLong(id.substring("process://".length()));
    return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid + " for pod "
        + pod.getMetadata().getName()));
  }
}
