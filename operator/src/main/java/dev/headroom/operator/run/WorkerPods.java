package dev.headroom.operator.run;

import dev.headroom.operator.model.WorkerResources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The worker pods of one run, by their Indexed Job completion index: which are ready, and where
 * their control ports are. Reads pods as the API server reports them; no calls.
 */
public final class WorkerPods {

  /** The annotation (and, on newer clusters, label) the Job controller puts the index in. */
  public static final String INDEX = "batch.kubernetes.io/job-completion-index";

  private final int replicas;
  private final List<Pod> pods;
  /** The pod that serves each index: the one alive, or the newest. */
  private final Map<Integer, Pod> byIndex = new TreeMap<>();

  private WorkerPods(List<Pod> pods, int replicas) {
    this.replicas = replicas;
    this.pods = List.copyOf(pods);
    for (Pod pod : pods) {
      index(pod).filter(i -> i >= 0 && i < replicas).ifPresent(i -> byIndex.merge(i, pod, WorkerPods::better));
    }
  }

  public static WorkerPods of(List<Pod> pods, int replicas) {
    return new WorkerPods(pods, replicas);
  }

  /** Every pod given, whatever its state. */
  public List<Pod> all() {
    return pods;
  }

  public int replicas() {
    return replicas;
  }

  /** How many indexes have a ready pod. */
  public int ready() {
    return (int) byIndex.values().stream().filter(WorkerPods::isReady).count();
  }

  public boolean allReady() {
    return ready() == replicas;
  }

  /** The control port of each index's pod, for the indexes whose pod is running; by index. */
  public List<WorkerEndpoint> endpoints() {
    List<WorkerEndpoint> out = new ArrayList<>();
    byIndex.forEach((index, pod) -> {
      if (isServing(pod)) {
        out.add(endpoint(index, pod));
      }
    });
    return out;
  }

  /** Whether the pod that was serving {@code worker} has gone: deleted, terminating or ended. */
  public boolean gone(WorkerEndpoint worker) {
    return pods.stream()
        .filter(p -> worker.podUid().equals(p.getMetadata().getUid()))
        .noneMatch(WorkerPods::isServing);
  }

  /** Why {@code worker}'s pod is gone: what its pod says, else that it was deleted or ended. */
  public WorkerFaults.Fault whyGone(WorkerEndpoint worker) {
    return pods.stream()
        .filter(p -> worker.podUid().equals(p.getMetadata().getUid()))
        .findFirst()
        .map(p -> WorkerFaults.describe(p).orElseGet(() -> p.getMetadata().getDeletionTimestamp() != null
            ? deleted(p.getMetadata().getName())
            : new WorkerFaults.Fault("PodGone", "pod " + p.getMetadata().getName() + " is " + phase(p))))
        .orElseGet(() -> deleted(worker.podName()));
  }

  private static WorkerFaults.Fault deleted(String pod) {
    return new WorkerFaults.Fault("PodDeleted", "pod " + pod + " was deleted");
  }

  static Optional<Integer> index(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    Map<String, String> labels = pod.getMetadata().getLabels();
    String text = annotations != null && annotations.containsKey(INDEX) ? annotations.get(INDEX)
        : labels != null ? labels.get(INDEX) : null;
    try {
      return text == null ? Optional.empty() : Optional.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Running (not ended, not being deleted) with an address. */
  static boolean isServing(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && "Running".equals(phase(pod))
        && pod.getStatus() != null
        && pod.getStatus().getPodIP() != null;
  }

  static boolean isReady(Pod pod) {
    return isServing(pod) && condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  static Optional<PodCondition> condition(Pod pod, String type) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
  }

  private static WorkerEndpoint endpoint(int index, Pod pod) {
    return new WorkerEndpoint(index, pod.getMetadata().getName(), pod.getMetadata().getUid(),
        pod.getStatus().getPodIP(), controlPort(pod));
  }

  /** The port named {@code control} of the worker container, as the pod declares it. */
  static int controlPort(Pod pod) {
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
      return WorkerResources.CONTROL_PORT;
    }
    for (Container c : pod.getSpec().getContainers()) {
      for (ContainerPort port : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
        if (WorkerResources.CONTROL_PORT_NAME.equals(port.getName()) && port.getContainerPort() != null) {
          return port.getContainerPort();
        }
      }
    }
    return WorkerResources.CONTROL_PORT;
  }

  /** Of two pods with one index, the one serving; else the newer. */
  private static Pod better(Pod a, Pod b) {
    if (isServing(a) != isServing(b)) {
      return isServing(a) ? a : b;
    }
    String ta = a.getMetadata().getCreationTimestamp();
    String tb = b.getMetadata().getCreationTimestamp();
    return ta != null && tb != null && tb.compareTo(ta) > 0 ? b : a;
  }
}
