package dev.headroom.e2e.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.WorkerCounts;
import dev.headroom.e2e.Await;
import dev.headroom.e2e.ClusterExtension;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a run survives and what it does not: workers that never become ready (their image cannot be
 * pulled), the operator restarted mid-run after the workers dropped what its checkpoint holds (the
 * new one carries on from the checkpoint and what the workers kept, so nothing is lost), a worker
 * pod deleted mid-run, which {@code workers.failurePolicy} decides, and
 * a namespace quota that refuses the results ConfigMap.
 */
@ExtendWith({ClusterExtension.class, HeadroomExtension.class})
class FaultToleranceIT {

  private static final String INDEX_LABEL = "batch.kubernetes.io/job-completion-index";

  private final KubernetesClient client;
  private final HeadroomInstall headroom;
  private final LoadTests loadTests;

  FaultToleranceIT(KubernetesClient client, HeadroomInstall headroom, LoadTests loadTests) {
    this.client = client;
    this.headroom = headroom;
    this.loadTests = loadTests;
  }

  @Test
  void workersWhoseImageCannotBePulledFailTheRunWithThatReasonAndLeaveNoPod() {
    ShortRun run = ShortRun.of("unpullable", 2, 10, 5);
    String image = "registry.invalid/no-such-worker:1";
    loadTests.create(run.yaml().replace("workers: {replicas: 2}", "workers: {replicas: 2, image: \"" + image + "\"}"));

    LoadTestStatus s = loadTests.awaitEnd(run.name(), 1).getStatus();
    assertEquals(LoadTestPhase.Failed, s.getPhase(), () -> loadTests.describe(run.name()));
    Condition ready = s.getConditions().stream().filter(c -> "WorkersReady".equals(c.getType())).findFirst().orElseThrow();
    assertEquals("False", ready.getStatus());
    assertTrue(ready.getReason().equals("ErrImagePull") || ready.getReason().equals("ImagePullBackOff"), ready.getReason());
    assertTrue(s.getMessage().contains("workers not ready within " + HeadroomInstall.READY_TIMEOUT)
        && s.getMessage().contains(image), s.getMessage());
    loadTests.awaitNoPods(run.name(), Duration.ofSeconds(30));
  }

  @Test
  void anOperatorRestartedAfterTheWorkersDroppedAcknowledgedIntervalsLosesNoRequest() {
    ShortRun run = ShortRun.of("restarted", 2, 100, 20);
    loadTests.create(run.yaml());
    // The first operator has checkpointed, and both workers have since dropped what it holds: the
    // new one can only get those intervals from the checkpoint.
    loadTests.await(run.name(), "running", lt -> LoadTests.phase(lt) == LoadTestPhase.Running, LoadTests.RUN_TIMEOUT);
    WorkerPeek peek = WorkerPeek.of(client, headroom.namespace(), run.name() + "-run1-token");
    // Polled, not watched: the checkpoint and the workers' acknowledgements change nothing in the
    // LoadTest, so a watch on it would look again only when its status next changes.
    Await.until("a checkpoint, and both workers dropping what it holds", LoadTests.RUN_TIMEOUT, () -> {
      if (LoadTests.phase(loadTests.named(run.name()).get()) != LoadTestPhase.Running) {
        throw new AssertionError("the run left Running before the test saw a checkpoint and both workers' "
            + "acknowledgements\n" + loadTests.describe(run.name()));
      }
      boolean ready = client.configMaps().inNamespace(headroom.namespace()).withName(run.name() + "-run1-checkpoint")
          .get() != null
          && loadTests.pods(run.name()).size() == 2
          && loadTests.pods(run.name()).stream().allMatch(p -> peek.acked(p) >= 1);
      return ready ? Optional.of(true) : Optional.empty();
    });
    Pod first = headroom.operatorPod();

    client.pods().inNamespace(headroom.operatorNamespace()).withName(first.getMetadata().getName()).delete();
    client.pods().inNamespace(headroom.operatorNamespace()).withName(first.getMetadata().getName())
        .waitUntilCondition(p -> p == null, 60, TimeUnit.SECONDS);
    assertEquals(LoadTestPhase.Running, LoadTests.phase(loadTests.named(run.name()).get()),
        "the run must outlive the first operator for this test to mean anything");
    headroom.awaitOperatorReady();
    assertNotEquals(first.getMetadata().getUid(), headroom.operatorPod().getMetadata().getUid());

    LoadTestStatus s = loadTests.awaitEnd(run.name(), 1).getStatus();
    assertEquals(LoadTestPhase.Succeeded, s.getPhase(), () -> loadTests.describe(run.name()));
    assertEquals(run.planned(), s.getSummary().requests(), "every request of both workers is counted once");
    assertEquals(run.planned(), s.getStages().get(0).requests());
    assertEquals(new WorkerCounts(2, 2, 0), s.getWorkers());
    // Nothing about the LoadTest changes when it goes: watch the ConfigMap itself.
    client.configMaps().inNamespace(headroom.namespace()).withName(run.name() + "-run1-checkpoint")
        .waitUntilCondition(cm -> cm == null, 30, TimeUnit.SECONDS);
  }

  @Test
  void aWorkerLostUnderFailurePolicyContinueIsCountedAndTheRunSucceeds() {
    ShortRun run = ShortRun.of("lost-continue", 2, 100, 12).failurePolicy("Continue");
    loadTests.create(run.yaml());
    loadTests.awaitPhase(run.name(), LoadTestPhase.Running);

    deleteWorker(run.name(), 1);

    LoadTestStatus s = loadTests.awaitEnd(run.name(), 1).getStatus();
    assertEquals(LoadTestPhase.Succeeded, s.getPhase(), () -> loadTests.describe(run.name()));
    assertEquals(new WorkerCounts(2, 1, 1), s.getWorkers());
    assertTrue(s.getMessage().contains("1 of 2 workers lost"), s.getMessage());
    // Worker 0 sends every other request of the run; what worker 1 sent before it went is kept.
    long requests = s.getSummary().requests();
    assertTrue(requests >= run.planned() / 2 && requests < run.planned(), requests + " requests of " + run.planned());
  }

  @Test
  void aWorkerLostUnderFailurePolicyFailFailsTheRun() {
    ShortRun run = ShortRun.of("lost-fail", 2, 100, 12).failurePolicy("Fail");
    loadTests.create(run.yaml());
    loadTests.awaitPhase(run.name(), LoadTestPhase.Running);

    deleteWorker(run.name(), 1);

    LoadTestStatus s = loadTests.awaitEnd(run.name(), 1).getStatus();
    assertEquals(LoadTestPhase.Failed, s.getPhase(), () -> loadTests.describe(run.name()));
    Condition ready = s.getConditions().stream().filter(c -> c.getType().equals("WorkersReady")).findFirst()
        .orElseThrow(() -> new AssertionError("no WorkersReady condition: " + s.getConditions()));
    assertEquals("False", ready.getStatus());
    assertEquals("WorkerLost", ready.getReason());
    assertTrue(s.getMessage().contains("lost-fail-run1-1-"), s.getMessage());
    assertTrue(loadTests.events(run.name()).stream().anyMatch(e -> e.startsWith("Warning WorkerLost: ")),
        () -> loadTests.events(run.name()).toString());
    // A failed run leaves no worker sending.
    loadTests.awaitNoPods(run.name(), Duration.ofSeconds(30));
  }

  @Test
  void aResultsConfigMapBeyondTheNamespacesQuotaLeavesTheResultsInStatus() {
    ShortRun run = ShortRun.of("over-quota", 1, 20, 4);
    loadTests.create(run.yaml());
    loadTests.awaitPhase(run.name(), LoadTestPhase.Running);
    // From now on the API server refuses every new ConfigMap here (403, exceeded quota), the run's
    // results ConfigMap included.
    ResourceQuota quota = new ResourceQuotaBuilder().withNewMetadata().withName("no-configmaps").endMetadata()
        .withNewSpec().addToHard("configmaps", new Quantity("0")).endSpec().build();
    client.resource(quota).inNamespace(headroom.namespace()).create();
    try {
      LoadTestStatus s = loadTests.awaitEnd(run.name(), 1).getStatus();
      assertEquals(LoadTestPhase.Succeeded, s.getPhase(), () -> loadTests.describe(run.name()));
      assertEquals(run.planned(), s.getSummary().requests());
      assertNull(s.getResults(), "no reference to a ConfigMap that was never made");
      assertTrue(s.getMessage().contains("; no results ConfigMap: ") && s.getMessage().contains("quota"), s.getMessage());
    } finally {
      client.resource(quota).inNamespace(headroom.namespace()).delete();
    }
  }

  private void deleteWorker(String loadTest, int index) {
    Pod worker = loadTests.pods(loadTest).stream()
        .filter(p -> String.valueOf(index).equals(p.getMetadata().getLabels().get(INDEX_LABEL)))
        .findFirst().orElseThrow(() -> new AssertionError("no worker " + index + " of " + loadTest));
    client.resource(worker).delete();
  }
}
