package dev.headroom.e2e;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers for tests that run pods on the process kubelet. */
final class TestPods {

  static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern PID = Pattern.compile("pid=(\\d+)");

  private TestPods() {
  }

  static Pod await(KubernetesClient client, String namespace, String name, Predicate<Pod> condition) {
    return client.pods().inNamespace(namespace).withName(name)
        .waitUntilCondition(p -> p != null && condition.test(p), TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  static Predicate<Pod> phase(String phase) {
    return p -> p.getStatus() != null && phase.equals(p.getStatus().getPhase());
  }

  static Predicate<Pod> ready() {
    return p -> p.getStatus() != null && p.getStatus().getConditions() != null
        && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static ContainerStatus container(Pod pod, String name) {
    List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
    return statuses.stream().filter(s -> name.equals(s.getName())).findFirst()
        .orElseThrow(() -> new AssertionError("no status for container " + name + " in " + statuses));
  }

  static ContainerStateTerminated terminated(Pod pod, String container) {
    return container(pod, container).getState().getTerminated();
  }

  /** The log of a pod once it contains {@code text}. */
  static String awaitLog(KubernetesClient client, String namespace, String pod, String text) {
    return Await.until("'" + text + "' in the log of " + namespace + "/" + pod, TIMEOUT, () -> {
      String log = client.pods().inNamespace(namespace).withName(pod).getLog();
      return log != null && log.contains(text) ? Optional.of(log) : Optional.empty();
    });
  }

  /** The pid a pod's process printed as {@code pid=N} (in a pod spec, {@code $$$$} gives the shell's {@code $$}). */
  static ProcessHandle awaitProcess(KubernetesClient client, String namespace, String pod) {
    Matcher m = PID.matcher(awaitLog(client, namespace, pod, "pid="));
    if (!m.find()) {
      throw new AssertionError("no pid in the log of " + pod);
    }
    long pid = Long.parseLong(m.group(1));
    return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("process " + pid + " of pod " + pod + " is not running"));
  }

  /** Waits for a process (not our child) to end. */
  static void awaitExit(ProcessHandle process, Duration timeout) {
    Await.until("process " + process.pid() + " to end", timeout,
        () -> process.isAlive() ? Optional.empty() : Optional.of(true));
  }

  /** Waits until the pod is deleted from the API server; fails when it is still there after {@code timeout}. */
  static void awaitGone(KubernetesClient client, String namespace, String pod, Duration timeout) {
    client.pods().inNamespace(namespace).withName(pod).waitUntilCondition(p -> p == null, timeout.toSeconds(), TimeUnit.SECONDS);
  }
}
