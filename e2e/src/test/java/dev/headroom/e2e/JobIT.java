package dev.headroom.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Jobs driven by the real Job controller on the process kubelet: indexed completion and garbage collection. */
@ExtendWith(ClusterExtension.class)
class JobIT {

  private static final Pattern LINE = Pattern.compile("index=(\\d+) ip=(\\S+)");
  private final KubernetesClient client;

  JobIT(KubernetesClient client) {
    this.client = client;
  }

  private List<Pod> pods(String ns, String job) {
    return client.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", job).list().getItems();
  }

  @Test
  void indexedJobCompletesAndEachPodSeesItsIndex(TestNamespace namespace) {
    String ns = namespace.name();
    client.resource("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: indexed}
        spec:
          completions: 3
          parallelism: 3
          completionMode: Indexed
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: worker
                image: headroom-worker
                command: [sh, -c, 'echo "index=$JOB_COMPLETION_INDEX ip=$HEADROOM_POD_IP"']
        """).inNamespace(ns).create();

    Job job = client.batch().v1().jobs().inNamespace(ns).withName("indexed").waitUntilCondition(
        j -> j != null && j.getStatus() != null && j.getStatus().getSucceeded() != null && j.getStatus().getSucceeded() == 3,
        TestPods.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    assertEquals("0-2", job.getStatus().getCompletedIndexes());
    Set<String> indexes = new TreeSet<>();
    Set<String> ips = new TreeSet<>();
    for (Pod pod : pods(ns, "indexed")) {
      Matcher m = LINE.matcher(client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).getLog());
      if (m.find()) {
        indexes.add(m.group(1));
        ips.add(m.group(2));
        assertEquals(pod.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index"), m.group(1));
      }
    }
    assertEquals(Set.of("0", "1", "2"), indexes);
    assertEquals(3, ips.size(), "each pod has its own IP: " + ips);
  }

  @Test
  void deletingAJobRemovesItsPodsAndTheirProcesses(TestNamespace namespace) {
    String ns = namespace.name();
    client.resource("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: sleepers}
        spec:
          completions: 2
          parallelism: 2
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: worker
                image: headroom-worker
                command: [sh, -c, 'echo pid=$$$$; exec sleep 600']
        """).inNamespace(ns).create();
    List<Pod> running = Await.until("2 running pods of job sleepers", TestPods.TIMEOUT, () -> {
      List<Pod> pods = pods(ns, "sleepers").stream().filter(TestPods.phase("Running")).toList();
      return pods.size() == 2 ? Optional.of(pods) : Optional.empty();
    });
    List<ProcessHandle> processes = running.stream()
        .map(p -> TestPods.awaitProcess(client, ns, p.getMetadata().getName())).toList();

    client.batch().v1().jobs().inNamespace(ns).withName("sleepers")
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

    Await.until("job sleepers' pods to be gone", TestPods.TIMEOUT,
        () -> pods(ns, "sleepers").isEmpty() ? Optional.of(true) : Optional.empty());
    processes.forEach(p -> TestPods.awaitExit(p, Duration.ofSeconds(10)));
  }
}
