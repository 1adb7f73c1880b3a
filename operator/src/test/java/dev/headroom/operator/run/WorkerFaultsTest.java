package dev.headroom.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.operator.LoadTests;
import dev.headroom.operator.OperatorConfig;
import dev.headroom.operator.model.WorkerResources;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reasons read from pods, as a failed run reports them. */
class WorkerFaultsTest {

  static final Job JOB = TestPods.created(WorkerResources.workerJob(LoadTests.named("lt", """
      target: {url: http://x.svc}
      requests: [{name: r, path: /}]
      load: {stages: [{duration: 1s, rate: 1}]}
      workers: {replicas: 3}
      """), 1, OperatorConfig.defaults()));

  @Test
  void anImagePullFailureIsTheReason() {
    List<Pod> pods = List.of(
        TestPods.ready(JOB, 0, "10.0.0.1", 8089),
        TestPods.waiting(JOB, 1, "ImagePullBackOff", "Back-off pulling image \"nope:1\""),
        TestPods.waiting(JOB, 2, "ImagePullBackOff", "Back-off pulling image \"nope:1\""));
    WorkerFaults.Fault f = WorkerFaults.notReady(WorkerPods.of(pods, 3));
    assertEquals("ImagePullBackOff", f.reason());
    assertTrue(f.message().startsWith("1 of 3 workers ready; pod lt-run1-"), f.message());
    assertTrue(f.message().contains(": ImagePullBackOff: Back-off pulling image \"nope:1\" (also lt-run1-"), f.message());
    assertEquals(Optional.empty(), WorkerFaults.fatal(pods), "an image may yet appear: wait for the timeout");
  }

  @Test
  void aMissingSecretIsTheReason() {
    WorkerFaults.Fault f = WorkerFaults.notReady(WorkerPods.of(List.of(
        TestPods.waiting(JOB, 0, "CreateContainerConfigError", "secret \"checkout-token\" not found")), 1));
    assertEquals("CreateContainerConfigError", f.reason());
    assertTrue(f.message().endsWith("secret \"checkout-token\" not found"), f.message());
  }

  @Test
  void theSchedulersWordIsTheReasonWhenNoNodeFits() {
    WorkerFaults.Fault f = WorkerFaults.notReady(WorkerPods.of(List.of(
        TestPods.unschedulable(JOB, 0, "0/3 nodes are available: 3 Insufficient cpu."),
        TestPods.waiting(JOB, 1, "ContainerCreating", null)), 2));
    assertEquals("Unschedulable", f.reason());
    assertTrue(f.message().contains("Unschedulable: 0/3 nodes are available: 3 Insufficient cpu."), f.message());
  }

  @Test
  void aWorkerThatExitedFailsTheRunAtOnceWithItsLastWords() {
    Pod crashed = TestPods.exited(JOB, 1, 2, "Error",
        "headroom worker: invalid plan:\n  plan.target.url: required");
    WorkerFaults.Fault f = WorkerFaults.fatal(List.of(TestPods.ready(JOB, 0, "10.0.0.1", 8089), crashed)).orElseThrow();
    assertEquals("Error", f.reason());
    assertTrue(f.message().endsWith("worker exited with code 2 (Error): headroom worker: invalid plan: | plan.target.url: required"),
        f.message());
  }

  @Test
  void anOutOfMemoryKillIsNamed() {
    assertEquals("OOMKilled", WorkerFaults.fatal(List.of(TestPods.exited(JOB, 0, 137, "OOMKilled", null)))
        .orElseThrow().reason());
  }

  @Test
  void anEvictedPodIsNamedForItsEvictionNotForHowItsContainerStopped() {
    Pod evicted = TestPods.evicted(TestPods.ready(JOB, 1, "10.0.0.2", 8089), "memory");
    WorkerFaults.Fault f = WorkerFaults.describe(evicted).orElseThrow();
    assertEquals("Evicted", f.reason());
    assertEquals("WorkerEvicted", WorkerFaults.lossReason(f));
    assertEquals("pod " + evicted.getMetadata().getName() + ": Evicted: The node was low on resource: memory."
        + " Threshold quantity: 100Mi, available: 91224Ki.", f.message());
    assertEquals(Optional.of(f), WorkerFaults.fatal(List.of(evicted)));
  }

  @Test
  void anEvictedPodWithoutAContainerStatusIsStillEvicted() {
    Pod bare = new PodBuilder(TestPods.evicted(TestPods.ready(JOB, 0, "10.0.0.1", 8089), "ephemeral-storage"))
        .editStatus().withContainerStatuses().endStatus().build();
    WorkerFaults.Fault f = WorkerFaults.describe(bare).orElseThrow();
    assertEquals("Evicted", f.reason());
    assertTrue(f.message().endsWith(": Evicted: The node was low on resource: ephemeral-storage."
        + " Threshold quantity: 100Mi, available: 91224Ki."), f.message());
  }

  @Test
  void aFailedPodWithNoReasonAtAllSaysItFailed() {
    Pod failed = new PodBuilder(TestPods.pending(JOB, 0).build()).editStatus().withPhase("Failed")
        .withMessage("node shut down").endStatus().build();
    WorkerFaults.Fault f = WorkerFaults.describe(failed).orElseThrow();
    assertEquals("PodFailed", f.reason());
    assertTrue(f.message().endsWith(" failed: node shut down"), f.message());
  }

  @Test
  void aWorkerDrainedOffItsNodeIsGoneWithTheDrainAsItsReason() {
    Pod serving = TestPods.ready(JOB, 0, "10.0.0.1", 8089);
    WorkerEndpoint endpoint = WorkerPods.of(List.of(serving), 1).endpoints().get(0);
    WorkerPods draining = WorkerPods.of(List.of(TestPods.drained(serving)), 1);
    assertTrue(draining.gone(endpoint));
    WorkerFaults.Fault why = draining.whyGone(endpoint);
    assertEquals("pod " + endpoint.podName() + ": EvictionByEvictionAPI: Eviction API: evicting", why.message());
    assertEquals("WorkerEvicted", WorkerFaults.lossReason(why));
  }

  @Test
  void anOutOfMemoryKillMidRunIsGoneAtOnceWithItsCode() {
    Pod serving = TestPods.ready(JOB, 2, "10.0.0.3", 8089);
    WorkerEndpoint endpoint = WorkerPods.of(List.of(serving), 3).endpoints().get(0);
    WorkerPods killed = WorkerPods.of(List.of(TestPods.ended(serving, 137, "OOMKilled")), 3);
    assertTrue(killed.gone(endpoint));
    WorkerFaults.Fault why = killed.whyGone(endpoint);
    assertEquals("pod " + endpoint.podName() + ": worker exited with code 137 (OOMKilled)", why.message());
    assertEquals("WorkerOOMKilled", WorkerFaults.lossReason(why));
  }

  @Test
  void longMessagesKeepTheirEnd() {
    String log = "x".repeat(1000) + " the cause";
    String message = WorkerFaults.fatal(List.of(TestPods.exited(JOB, 0, 1, "Error", log))).orElseThrow().message();
    assertTrue(message.endsWith("the cause"));
    assertTrue(message.length() < 400, "bounded: " + message.length());
  }

  @Test
  void withoutAnyTroubleThePodsAreSaidToBeMissingOrSlow() {
    assertEquals("PodsNotCreated", WorkerFaults.notReady(WorkerPods.of(List.of(), 3)).reason());
    assertEquals("ContainerCreating", WorkerFaults.notReady(WorkerPods.of(List.of(
        TestPods.waiting(JOB, 0, "ContainerCreating", null)), 1)).reason());
    WorkerFaults.Fault unready = WorkerFaults.notReady(WorkerPods.of(List.of(
        TestPods.running(JOB, 0, "10.0.0.1", 8089).build()), 1));
    assertEquals("NotReady", unready.reason());
    assertTrue(unready.message().contains("GET /ready"));
  }

  @Test
  void podsAreFoundByIndexAndPortAndGoneWhenDeletedOrEnded() {
    Pod zero = TestPods.ready(JOB, 0, "10.0.0.1", 18089);
    Pod one = TestPods.ready(JOB, 1, "10.0.0.2", 8089);
    WorkerPods pods = WorkerPods.of(List.of(one, zero, TestPods.waiting(JOB, 2, "ErrImagePull", "x")), 3);
    assertEquals(2, pods.ready());
    List<WorkerEndpoint> endpoints = pods.endpoints();
    assertEquals(List.of(0, 1), endpoints.stream().map(WorkerEndpoint::index).toList());
    assertEquals("10.0.0.1", endpoints.get(0).host());
    assertEquals(18089, endpoints.get(0).port(), "the port the pod declares as 'control'");
    assertEquals(zero.getMetadata().getUid(), endpoints.get(0).podUid());

    WorkerPods later = WorkerPods.of(List.of(TestPods.deleted(zero)), 3);
    assertTrue(later.gone(endpoints.get(0)));
    assertEquals("pod " + endpoints.get(0).podName() + " was deleted", later.whyGone(endpoints.get(0)).message());
    assertEquals("WorkerLost", WorkerFaults.lossReason(later.whyGone(endpoints.get(0))),
        "a deleted pod says nothing of why");
    assertEquals("pod " + endpoints.get(1).podName() + " was deleted", later.whyGone(endpoints.get(1)).message());
    assertTrue(later.gone(endpoints.get(1)), "absent from the cache altogether");
    WorkerPods crashed = WorkerPods.of(List.of(zero, TestPods.exited(JOB, 1, 137, "OOMKilled", null)), 3);
    assertEquals(false, crashed.gone(endpoints.get(0)));
  }
}
