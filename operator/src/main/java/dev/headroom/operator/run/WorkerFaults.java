package dev.headroom.operator.run;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Why worker pods are not doing their job, in Kubernetes' own words: a container's waiting reason
 * ({@code ErrImagePull}, {@code ImagePullBackOff}, {@code CreateContainerConfigError}), the
 * scheduler's ({@code Unschedulable}), why the cluster ended a pod ({@code Evicted} by the kubelet,
 * {@code EvictionByEvictionAPI} in a drain, {@code PreemptionByScheduler}), or how a container ended
 * ({@code Error} with its exit code and last log lines, {@code OOMKilled}). Pure: reads pods, calls
 * nothing.
 */
public final class WorkerFaults {

  /**
   * A reason for status and Events (CamelCase, as Kubernetes writes them) and a message for humans.
   */
  public record Fault(String reason, String message) {}

  /** Waiting reasons that are only a pod on its normal way up. */
  private static final Set<String> ON_THE_WAY = Set.of("ContainerCreating", "PodInitializing");
  /** The pod condition the cluster sets on a pod it is about to end: drained, preempted, evicted. */
  private static final String DISRUPTION = "DisruptionTarget";
  /** The reason for a worker lost to no cause its pod names. */
  public static final String LOST = "WorkerLost";
  private static final int MAX_NAMED = 3;
  private static final int MAX_DETAIL = 300;

  private WorkerFaults() {}

  /**
   * The reason a run gives for a worker lost to {@code fault}: {@code WorkerOOMKilled} or {@code
   * WorkerEvicted}, the two a long run meets that the spec can answer (a memory limit, requests
   * that fit the node) and a reader looks for; {@code WorkerLost} for the rest, whose message says
   * more.
   */
  public static String lossReason(Fault fault) {
    return switch (fault.reason()) {
      case "OOMKilled" -> "WorkerOOMKilled";
      case "Evicted", "EvictionByEvictionAPI", "TerminationByKubelet" -> "WorkerEvicted";
      default -> LOST;
    };
  }

  /**
   * A fault no waiting can cure: a pod that failed or a worker container that ended. A worker only
   * ends after its finished run is stopped, so before that any end is a fault.
   */
  public static Optional<Fault> fatal(List<Pod> pods) {
    return pods.stream().map(WorkerFaults::ended).flatMap(Optional::stream).findFirst();
  }

  /**
   * Why not every one of {@code expected} workers is ready, the most telling reason first: ended
   * containers, then waiting reasons, then scheduling, then missing pods, then failing readiness.
   */
  public static Fault notReady(WorkerPods pods) {
    List<Pod> all = pods.all();
    String head = pods.ready() + " of " + pods.replicas() + " workers ready";
    Optional<Found> found = first(all, WorkerFaults::ended)
        .or(() -> first(all, WorkerFaults::waiting))
        .or(() -> first(all, WorkerFaults::unschedulable));
    if (found.isPresent()) {
      Fault f = found.get().fault();
      return new Fault(f.reason(), head + "; " + f.message() + also(all, found.get()));
    }
    if (all.size() < pods.replicas()) {
      return new Fault("PodsNotCreated", head + "; only " + all.size() + " of " + pods.replicas()
          + " worker pods exist (quota or admission? see the Job's events)");
    }
    Optional<Found> starting = first(all, p -> waitingReason(p).filter(ON_THE_WAY::contains)
        .map(r -> new Fault(r, "pod " + name(p) + ": " + r)));
    if (starting.isPresent()) {
      return new Fault(starting.get().fault().reason(), head + "; " + starting.get().fault().message());
    }
    Optional<Pod> unready = all.stream().filter(p -> WorkerPods.isServing(p) && !WorkerPods.isReady(p)).findFirst();
    if (unready.isPresent()) {
      return new Fault("NotReady", head + "; pod " + name(unready.get())
          + " is running but GET /ready on its control port does not answer 200");
    }
    return new Fault("WorkersNotReady", head);
  }

  /** What is wrong with one pod, if anything is: how it ended, why it waits, why it is not placed. */
  public static Optional<Fault> describe(Pod pod) {
    return ended(pod).or(() -> waiting(pod)).or(() -> unschedulable(pod));
  }

  private static Optional<Fault> ended(Pod pod) {
    return endedByCluster(pod).or(() -> exited(pod));
  }

  /**
   * A pod the cluster ended, in its words: the kubelet's reason for failing it ({@code Evicted},
   * with the resource the node ran low on), or the disruption it is ending by (a drain, a
   * preemption). These come first: the container then only shows how it was stopped (code 137,
   * {@code ContainerStatusUnknown}, or nothing at all), not why.
   */
  private static Optional<Fault> endedByCluster(Pod pod) {
    if ("Failed".equals(WorkerPods.phase(pod)) && pod.getStatus().getReason() != null) {
      return Optional.of(named(pod, pod.getStatus().getReason(), pod.getStatus().getMessage()));
    }
    return WorkerPods.condition(pod, DISRUPTION)
        .filter(c -> "True".equals(c.getStatus()) && c.getReason() != null)
        .map(c -> named(pod, c.getReason(), c.getMessage()));
  }

  private static Optional<Fault> exited(Pod pod) {
    Optional<ContainerStateTerminated> terminated = containerStates(pod)
        .map(ContainerState::getTerminated).filter(t -> t != null).findFirst();
    if (terminated.isPresent()) {
      ContainerStateTerminated t = terminated.get();
      String reason = t.getReason() == null ? "ContainerExited" : t.getReason();
      String message = "pod " + name(pod) + ": worker exited with code " + t.getExitCode()
          + (t.getReason() == null ? "" : " (" + t.getReason() + ")")
          + detail(t.getMessage());
      return Optional.of(new Fault(reason, message));
    }
    if ("Failed".equals(WorkerPods.phase(pod))) {
      return Optional.of(new Fault("PodFailed", "pod " + name(pod) + " failed" + detail(pod.getStatus().getMessage())));
    }
    return Optional.empty();
  }

  private static Optional<Fault> waiting(Pod pod) {
    return containerStates(pod)
        .map(ContainerState::getWaiting)
        .filter(w -> w != null && w.getReason() != null && !ON_THE_WAY.contains(w.getReason()))
        .findFirst()
        .map(w -> named(pod, w.getReason(), w.getMessage()));
  }

  private static Optional<Fault> unschedulable(Pod pod) {
    return WorkerPods.condition(pod, "PodScheduled")
        .filter(c -> "False".equals(c.getStatus()))
        .map(c -> {
          String reason = c.getReason() == null ? "Unschedulable" : c.getReason();
          return named(pod, reason, c.getMessage());
        });
  }

  /** "pod x: Reason: message", the shape of every fault Kubernetes names. */
  private static Fault named(Pod pod, String reason, String message) {
    return new Fault(reason, "pod " + name(pod) + ": " + reason + detail(message));
  }

  private static Optional<String> waitingReason(Pod pod) {
    return containerStates(pod).map(ContainerState::getWaiting).filter(w -> w != null)
        .map(ContainerStateWaiting::getReason).filter(r -> r != null).findFirst();
  }

  /** A pod and what is wrong with it. */
  private record Found(Pod pod, Fault fault) {}

  /** The first pod by name that {@code check} finds a fault with. */
  private static Optional<Found> first(List<Pod> pods, Function<Pod, Optional<Fault>> check) {
    return pods.stream().sorted(Comparator.comparing(WorkerFaults::name))
        .flatMap(p -> check.apply(p).map(f -> new Found(p, f)).stream())
        .findFirst();
  }

  /** " (also pod-a, pod-b)" when other pods have the same trouble, to size it. */
  private static String also(List<Pod> pods, Found shown) {
    List<String> others = new ArrayList<>();
    for (Pod pod : pods) {
      if (pod != shown.pod() && describe(pod).filter(f -> f.reason().equals(shown.fault().reason())).isPresent()) {
        others.add(name(pod));
      }
    }
    if (others.isEmpty()) {
      return "";
    }
    String named = String.join(", ", others.subList(0, Math.min(MAX_NAMED, others.size())));
    return " (also " + named + (others.size() > MAX_NAMED ? " and " + (others.size() - MAX_NAMED) + " more" : "") + ")";
  }

  private static Stream<ContainerState> containerStates(Pod pod) {
    if (pod.getStatus() == null) {
      return Stream.empty();
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getContainerStatuses());
    }
    return statuses.stream().map(ContainerStatus::getState).filter(s -> s != null);
  }

  private static String name(Pod pod) {
    return pod.getMetadata().getName();
  }

  /** ": <text>" on one line, cut to a length a status message can carry; "" when none. */
  private static String detail(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String oneLine = text.strip().replaceAll("\\s*\\R\\s*", " | ");
    // The end of a worker's last log lines says most: keep it when cutting.
    return ": " + (oneLine.length() > MAX_DETAIL ? "..." + oneLine.substring(oneLine.length() - MAX_DETAIL) : oneLine);
  }
}
