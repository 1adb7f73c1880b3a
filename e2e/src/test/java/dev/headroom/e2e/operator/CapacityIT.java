package dev.headroom.e2e.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.CapacityResult;
import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.WorkerCounts;
import dev.headroom.e2e.ClusterExtension;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The capacity search on a real control plane, with the operator restarted midway: every step
 * already judged is kept and the search still ends with a capacity figure (the new operator
 * re-judges the step in progress from intervals pulled again). {@code examples/capacity.yaml}
 * runs on the real node's containers ({@code RealNodeE2E}).
 */
@ExtendWith({ClusterExtension.class, HeadroomExtension.class})
class CapacityIT {

  private static final Set<LoadTestPhase> ENDED = Set.of(LoadTestPhase.Succeeded, LoadTestPhase.Failed,
      LoadTestPhase.Cancelled);
  /**
   * The restart test's search, judged on p90 (100 samples suffice, so no step is held longer for
   * samples, and a brief stall of a worker starved by the new operator's JVM start does not decide
   * it); short settles, so that overloaded steps break at their first judged second. About 60 s.
   */
  private static final String RESTARTED = """
      apiVersion: headroom.dev/v1alpha1
      kind: LoadTest
      metadata: {name: capacity-restarted}
      spec:
        target: {url: "http://demo-target:8080", timeout: 2s}
        requests: [{name: browse, path: /products}]
        capacity:
          slo: {p90: 50ms, errorRate: "1%"}
          startRate: 200
          maxRate: 2000
          stepDuration: 5s
          settle: 2s
          precision: "10%"
        workers: {replicas: 2}
      """;
  /**
   * The search takes about 70 s on an idle 2-core machine, the workers' start and an operator
   * restart on top; twice {@link LoadTests#RUN_TIMEOUT} leaves room for a busy one.
   */
  private static final Duration SEARCH_TIMEOUT = LoadTests.RUN_TIMEOUT.multipliedBy(2);

  private final KubernetesClient client;
  private final HeadroomInstall headroom;
  private final LoadTests loadTests;

  CapacityIT(KubernetesClient client, HeadroomInstall headroom, LoadTests loadTests) {
    this.client = client;
    this.headroom = headroom;
    this.loadTests = loadTests;
  }

  @Test
  void anOperatorRestartedMidSearchKeepsTheJudgedStepsAndStillReachesACapacity() {
    LoadTest lt = client.getKubernetesSerialization().unmarshal(RESTARTED, LoadTest.class);
    String name = lt.getMetadata().getName();
    loadTests.create(RESTARTED);

    // Two verdicts in the status: the first operator has judged steps for the second to keep.
    List<CapacityStep> before = judged(loadTests.await(name, "2 judged capacity steps",
        r -> LoadTests.phase(r) == LoadTestPhase.Running && judged(r).size() >= 2, SEARCH_TIMEOUT));
    restartOperator(name);

    LoadTestStatus s = awaitSearchEnd(name).getStatus();
    assertEquals(LoadTestPhase.Succeeded, s.getPhase(), () -> loadTests.describe(name));
    List<CapacityStep> after = s.getCapacity().steps();
    assertTrue(after.size() > before.size(), () -> "the search went on after the restart: " + loadTests.describe(name));
    for (CapacityStep kept : before) {
      CapacityStep now = after.get(kept.step());
      assertEquals(kept.targetRps(), now.targetRps(), "step " + kept.step());
      assertEquals(kept.passed(), now.passed(), "step " + kept.step());
      assertEquals(kept, now, "a step judged before the restart is kept as it was");
    }
    CapacityChecks.assertFoundACapacity(lt.getSpec().capacity(), s, loadTests.describe(name));
    // A pass judged before the restart still counts. The figure itself may come out lower than
    // without a restart: the new operator's JVM starts on the cores the workers use, and a step
    // sent late is measured from when it should have left.
    double keptPass = before.stream().filter(CapacityStep::passed).mapToDouble(CapacityStep::targetRps).max()
        .orElse(0);
    assertTrue(s.getCapacity().maxSustainableRps() >= keptPass, () -> loadTests.describe(name));
    assertEquals(new WorkerCounts(2, 2, 0), s.getWorkers());
  }

  /**
   * Deletes the operator pod while the search runs, as a node drain would, and waits until its
   * Deployment has a new one ready.
   */
  private void restartOperator(String loadTest) {
    Pod first = headroom.operatorPod();
    client.pods().inNamespace(headroom.operatorNamespace()).withName(first.getMetadata().getName()).delete();
    client.pods().inNamespace(headroom.operatorNamespace()).withName(first.getMetadata().getName())
        .waitUntilCondition(p -> p == null, 60, TimeUnit.SECONDS);
    assertEquals(LoadTestPhase.Running, LoadTests.phase(loadTests.named(loadTest).get()),
        "the search must outlive the first operator for this test to mean anything");
    headroom.awaitOperatorReady();
    assertNotEquals(first.getMetadata().getUid(), headroom.operatorPod().getMetadata().getUid());
  }

  private LoadTest awaitSearchEnd(String name) {
    return loadTests.await(name, "end of the search",
        lt -> LoadTests.run(lt) >= 1 && ENDED.contains(LoadTests.phase(lt)), SEARCH_TIMEOUT);
  }

  private static List<CapacityStep> judged(LoadTest lt) {
    CapacityResult c = lt.getStatus() == null ? null : lt.getStatus().getCapacity();
    return c == null || c.steps() == null ? List.of() : c.steps().stream().filter(CapacityStep::judged).toList();
  }
}
