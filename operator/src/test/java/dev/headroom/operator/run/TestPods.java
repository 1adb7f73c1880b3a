package dev.headroom.operator.run;

import dev.headroom.operator.model.WorkerResources;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.UUID;

/** Worker pods in the states the kubelet and scheduler report, for tests that need no cluster. */
public final class TestPods {

  /** How long a silent worker's pod has to say why before silence alone counts it lost. */
  public static final Duration POD_WORD_GRACE = LinkedWorker.POD_WORD_GRACE;

  private TestPods() {}

  /** The Job as the API server would hold it: the built one, with a uid. */
  public static Job created(Job job) {
    return new JobBuilder(job).editMetadata().withUid(UUID.randomUUID().toString())
        .withCreationTimestamp("2030-01-01T00:00:00Z").endMetadata().build();
  }

  /** A pod of {@code job} for {@code index}, just created: Pending, not scheduled yet. */
  public static PodBuilder pending(Job job, int index) {
    String name = job.getMetadata().getName() + "-" + index + "-" + UUID.randomUUID().toString().substring(0, 5);
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(job.getMetadata().getNamespace())
        .withUid(UUID.randomUUID().toString())
        .withCreationTimestamp("2030-01-01T00:00:01Z")
        .addToLabels(job.getSpec().getTemplate().getMetadata().getLabels())
        .addToLabels("batch.kubernetes.io/controller-uid", job.getMetadata().getUid())
        .addToAnnotations(WorkerPods.INDEX, Integer.toString(index))
        .endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec())
        .withNewStatus()
        .withPhase("Pending")
        .endStatus();
  }

  public static Pod ready(Job job, int index, String ip, int port) {
    PodBuilder b = running(job, index, ip, port);
    return b.editStatus().addToConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
        .endStatus().build();
  }

  public static PodBuilder running(Job job, int index, String ip, int port) {
    PodBuilder b = pending(job, index);
    b.editSpec().editFirstContainer().editFirstPort().withContainerPort(port).endPort().endContainer().endSpec();
    return b.editStatus()
        .withPhase("Running")
        .withPodIP(ip)
        .addToContainerStatuses(new ContainerStatusBuilder().withName(WorkerResources.CONTAINER)
            .withState(new ContainerStateBuilder().withNewRunning().endRunning().build()).build())
        .endStatus();
  }

  public static Pod waiting(Job job, int index, String reason, String message) {
    return pending(job, index).editStatus()
        .addToConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("True").build())
        .addToContainerStatuses(new ContainerStatusBuilder().withName(WorkerResources.CONTAINER)
            .withState(new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message)
                .endWaiting().build()).build())
        .endStatus().build();
  }

  public static Pod unschedulable(Job job, int index, String message) {
    return pending(job, index).editStatus()
        .addToConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
            .withReason("Unschedulable").withMessage(message).build())
        .endStatus().build();
  }

  public static Pod exited(Job job, int index, int code, String reason, String message) {
    return pending(job, index).editStatus()
        .withPhase(code == 0 ? "Succeeded" : "Failed")
        .addToContainerStatuses(new ContainerStatusBuilder().withName(WorkerResources.CONTAINER)
            .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(code).withReason(reason)
                .withMessage(message).endTerminated().build()).build())
        .endStatus().build();
  }

  /** The same pod, its worker container ended with {@code code}. */
  public static Pod ended(Pod pod, int code, String reason) {
    return new PodBuilder(pod).editStatus()
        .withPhase(code == 0 ? "Succeeded" : "Failed")
        .withConditions()
        .withContainerStatuses(new ContainerStatusBuilder().withName(WorkerResources.CONTAINER)
            .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(code).withReason(reason)
                .endTerminated().build()).build())
        .endStatus().build();
  }

  /**
   * The same pod, evicted by its node's kubelet for want of {@code resource}: Failed with reason
   * {@code Evicted}, its worker container stopped without a known end, as the kubelet reports it.
   */
  public static Pod evicted(Pod pod, String resource) {
    return new PodBuilder(pod).editStatus()
        .withPhase("Failed")
        .withReason("Evicted")
        .withMessage("The node was low on resource: " + resource + ". Threshold quantity: 100Mi, available: 91224Ki.")
        .withConditions()
        .withContainerStatuses(new ContainerStatusBuilder().withName(WorkerResources.CONTAINER)
            .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(137)
                .withReason("ContainerStatusUnknown")
                .withMessage("The container could not be located when the pod was terminated")
                .endTerminated().build()).build())
        .endStatus().build();
  }

  /** The same pod, being drained off its node: deleted by the Eviction API, still running for now. */
  public static Pod drained(Pod pod) {
    return new PodBuilder(deleted(pod)).editStatus()
        .addToConditions(new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
            .withReason("EvictionByEvictionAPI").withMessage("Eviction API: evicting").build())
        .endStatus().build();
  }

  public static Pod deleted(Pod pod) {
    return new PodBuilder(pod).editMetadata().withDeletionTimestamp("2030-01-01T00:01:00Z").endMetadata().build();
  }
}
