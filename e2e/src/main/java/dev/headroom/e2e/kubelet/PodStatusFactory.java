package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the status a kubelet reports for a pod from what its containers are doing. */
final class PodStatusFactory {

  private static final Set<String> OWN_CONDITIONS =
      Set.of("PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready");

  private PodStatusFactory() {
  }

  /** What the kubelet knows about one pod at one moment. */
  record Observation(
      String phase,
      String podIp,
      String hostIp,
      Instant startTime,
      boolean sandboxReady,
      boolean initialized,
      List<ContainerSnapshot> initContainers,
      List<ContainerSnapshot> containers) {
  }

  /**
   * The full status. {@code current} is the pod as the API server has it: its other conditions
   * (PodScheduled, DisruptionTarget...) are kept. Transition times of unchanged conditions are kept
   * from {@code lastReported} (what this kubelet reported last; null at first), else from {@code current}.
   */
  static PodStatus build(Pod current, PodStatus lastReported, Observation o, Instant now) {
    List<PodCondition> fromServer = current.getStatus() == null || current.getStatus().getConditions() == null
        ? List.of() : current.getStatus().getConditions();
    List<PodCondition> previous = lastReported != null && lastReported.getConditions() != null
        ? lastReported.getConditions() : fromServer;
    List<PodCondition> conditions = new ArrayList<>();
    for (PodCondition c : fromServer) {
      if (!OWN_CONDITIONS.contains(c.getType())) {
        conditions.add(c);
      }
    }
    boolean terminal = PodPhases.isTerminal(o.phase());
    conditions.add(condition(previous, "PodReadyToStartContainers", o.sandboxReady() && !terminal, null, null, now));
    String notInitialized = unfinished(o.initContainers(), c -> c.isTerminated() && c.terminated().exitCode() == 0);
    conditions.add(condition(previous, "Initialized", o.initialized(),
        o.initialized() ? null : "ContainersNotInitialized",
        o.initialized() ? null : "containers with incomplete status: [" + notInitialized + "]", now));
    String unready = unfinished(o.containers(), ContainerSnapshot::ready);
    boolean containersReady = !terminal && unready.isEmpty() && !o.containers().isEmpty();
    String reason = terminal ? "PodCompleted" : containersReady ? null : "ContainersNotReady";
    String message = terminal || containersReady ? null : "containers with unready status: [" + unready + "]";
    conditions.add(condition(previous, "ContainersReady", containersReady, reason, message, now));
    String gates = unreadyGates(current, fromServer);
    boolean ready = containersReady && gates.isEmpty();
    if (containersReady && !gates.isEmpty()) {
      reason = "ReadinessGatesNotReady";
      message = "corresponding condition of pod readiness gate \"" + gates + "\" does not exist.";
    }
    conditions.add(condition(previous, "Ready", ready, reason, message, now));

    PodStatusBuilder status = new PodStatusBuilder()
        .withPhase(o.phase())
        .withHostIP(o.hostIp())
        .withHostIPs(new HostIP(o.hostIp()))
        .withConditions(conditions)
        .withInitContainerStatuses(o.initContainers().stream().map(PodStatusFactory::containerStatus).toList())
        .withContainerStatuses(o.containers().stream().map(PodStatusFactory::containerStatus).toList());
    if (o.startTime() != null) {
      status.withStartTime(time(o.startTime()));
    }
    if (o.podIp() != null) {
      status.withPodIP(o.podIp()).withPodIPs(new PodIP(o.podIp()));
    }
    return status.build();
  }

  static ContainerStatus containerStatus(ContainerSnapshot c) {
    return new ContainerStatusBuilder()
        .withName(c.name())
        .withImage(c.image())
        .withImageID("")
        .withContainerID(c.containerId())
        .withRestartCount(c.restartCount())
        .withReady(c.ready())
        .withStarted(c.started())
        .withState(state(c))
        .withLastState(c.lastTermination() == null ? new ContainerState() : terminated(c.lastTermination()))
        .build();
  }

  private static ContainerState state(ContainerSnapshot c) {
    if (c.isRunning()) {
      return new ContainerStateBuilder().withNewRunning().withStartedAt(time(c.runningSince())).endRunning().build();
    }
    if (c.isTerminated()) {
      return terminated(c.terminated());
    }
    ContainerSnapshot.Waiting waiting = c.waiting() == null
        ? new ContainerSnapshot.Waiting("ContainerCreating", null) : c.waiting();
    return new ContainerStateBuilder().withNewWaiting()
        .withReason(waiting.reason()).withMessage(waiting.message()).endWaiting().build();
  }

  private static ContainerState terminated(ContainerSnapshot.Termination t) {
    return new ContainerStateBuilder().withNewTerminated()
        .withExitCode(t.exitCode())
        .withReason(t.reason())
        .withMessage(t.message())
        .withStartedAt(t.startedAt() == null ? null : time(t.startedAt()))
        .withFinishedAt(time(t.finishedAt()))
        .withContainerID(t.containerId())
        .endTerminated().build();
  }

  private static String unfinished(List<ContainerSnapshot> containers, java.util.function.Predicate<ContainerSnapshot> done) {
    return containers.stream().filter(done.negate()).map(ContainerSnapshot::name).collect(Collectors.joining(" "));
  }

  private static String unreadyGates(Pod pod, List<PodCondition> conditions) {
    List<PodReadinessGate> gates = pod.getSpec().getReadinessGates();
    if (gates == null) {
      return "";
    }
    return gates.stream().map(PodReadinessGate::getConditionType)
        .filter(type -> conditions.stream().noneMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus())))
        .collect(Collectors.joining(", "));
  }

  private static PodCondition condition(List<PodCondition> previous, String type, boolean value, String reason,
                                        String message, Instant now) {
    String status = value ? "True" : "False";
    String since = previous.stream()
        .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
        .map(PodCondition::getLastTransitionTime)
        .findFirst().orElse(time(now));
    return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastTransitionTime(since).build();
  }

  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
