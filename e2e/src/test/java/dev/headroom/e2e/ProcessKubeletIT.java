package dev.headroom.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Single pods on the process kubelet: exit codes, addresses, images, restarts, init containers, probes, deletion, logs. */
@ExtendWith(ClusterExtension.class)
class ProcessKubeletIT {

  private final KubernetesClient client;
  private final Cluster cluster;

  ProcessKubeletIT(KubernetesClient client, Cluster cluster) {
    this.client = client;
    this.cluster = cluster;
  }

  private Pod create(String ns, String yaml) {
    return (Pod) client.resource(yaml).inNamespace(ns).create();
  }

  @Test
  void failingProcessReportsItsExitCodeAddressAndOutput(TestNamespace namespace) {
    String ns = namespace.name();
    create(ns, """
        apiVersion: v1
        kind: Pod
        metadata: {name: exit3}
        spec:
          restartPolicy: Never
          containers:
          - name: main
            image: headroom-worker
            command: [sh, -c, 'echo starting; echo "listening on $HEADROOM_POD_IP"; exit 3']
        """);
    Pod pod = TestPods.await(client, ns, "exit3", TestPods.phase("Failed"));

    assertEquals(3, TestPods.terminated(pod, "main").getExitCode());
    assertEquals("Error", TestPods.terminated(pod, "main").getReason());
    String ip = pod.getStatus().getPodIP();
    assertTrue(ip.matches("127\\.0\\.1\\.\\d+"), ip);
    assertEquals(ip, pod.getStatus().getPodIPs().get(0).getIp());
    assertEquals("127.0.0.1", pod.getStatus().getHostIP());
    Cluster.Result logs = cluster.kubectl("logs", "-n", ns, "exit3");
    assertEquals(0, logs.exitCode(), logs.output());
    assertEquals("starting\nlistening on " + ip + "\n", logs.output());
    assertEquals("listening on " + ip + "\n", cluster.kubectl("logs", "-n", ns, "exit3", "--tail=1").output());
  }

  @Test
  void imageIsMatchedByRepositoryNameAndCommandReplacesTheEntrypoint(TestNamespace namespace) {
    String ns = namespace.name();
    create(ns, """
        apiVersion: v1
        kind: Pod
        metadata: {name: ok}
        spec:
          restartPolicy: Never
          containers:
          - name: main
            image: registry.example:5000/team/headroom-worker:1.2.3
            command: [sh, -c]
            args: ['echo args work']
        """);
    Pod pod = TestPods.await(client, ns, "ok", TestPods.phase("Succeeded"));

    assertEquals(0, TestPods.terminated(pod, "main").getExitCode());
    assertEquals("Completed", TestPods.terminated(pod, "main").getReason());
    assertEquals("args work\n", client.pods().inNamespace(ns).withName("ok").getLog());
  }

  @Test
  void unknownImageWaitsWithAClearReasonAndAPendingPodCanBeDeleted(TestNamespace namespace) {
    String ns = namespace.name();
    create(ns, """
        apiVersion: v1
        kind: Pod
        metadata: {name: nginx}
        spec:
          containers:
          - {name: web, image: nginx:1.27}
        """);
    Pod pod = TestPods.await(client, ns, "nginx", p -> p.getStatus().getContainerStatuses() != null
        && TestPods.container(p, "web").getState().getWaiting() != null
        && "ErrImagePull".equals(TestPods.container(p, "web").getState().getWaiting().getReason()));

    ContainerStateWaiting waiting = TestPods.container(pod, "web").getState().getWaiting();
    assertTrue(waiting.getMessage().contains("process kubelet runs only headroom-worker and headroom-operator images"),
        waiting.getMessage());
    assertEquals("Pending", pod.getStatus().getPhase());

    client.pods().inNamespace(ns).withName("nginx").delete();
    TestPods.awaitGone(client, ns, "nginx", Duration.ofSeconds(60));
  }

  @Test
  void onFailurePolicyRestartsUntilSuccessAndKeepsThePreviousLog(TestNamespace namespace) {
    String ns = namespace.name();
    create(ns, """
        apiVersion: v1
        kind: Pod
        metadata: {name: retry}
        spec:
          restartPolicy: OnFailure
          volumes: [{name: state, emptyDir: {}}]
          containers:
          - name: main
            image: headroom-worker
            volumeMounts: [{name: state, mountPath: /state}]
            command:
            - sh
            - -c
            - 'if [ -f "$HEADROOM_MOUNT_STATE/ran" ]; then echo second run; exit 0; fi; touch "$HEADROOM_MOUNT_STATE/ran"; echo first run; exit 1'
        """);
    Pod pod = TestPods.await(client, ns, "retry", TestPods.phase("Succeeded"));

    assertEquals(1, TestPods.container(pod, "main").getRestartCount());
    assertEquals(1, TestPods.container(pod, "main").getLastState().getTerminated().getExitCode());
    assertEquals("second run\n", client.pods().inNamespace(ns).withName("retry").getLog());
    assertEquals("first run\n", cluster.kubectl("logs", "-n", ns, "retry", "--previous").output());
  }

  @Test
  void initContainersRunFirstAndShareVolumes(TestNamespace namespace) {
    String ns = namespace.name();
    create(ns, """
        apiVersion: v1
        kind: Pod
        metadata: {name: init}
        spec:
          restartPolicy: Never
          volumes: [{name: work, emptyDir: {}}]
          initContainers:
          - name: first
            image: headroom-worker
            volumeMounts: [{name: work, mountPath: /work}]
            command: [sh, -c, 'echo one > "$HEADROOM_MOUNT_WORK/steps"']
          - name: second
            image: headroom-worker
            volumeMounts: [{name: work, mountPath: /work}]
            command: [sh, -c, 'echo two >> "$HEADROOM_MOUNT_WORK/steps"; echo init done']
          containers:
          - name: main
            image: headroom-worker
            volumeMounts: [{name: work, mountPath: /work}]
            command: [sh, -c, 'cat "$HEADROOM_MOUNT_WORK/steps"']
        """);
    Pod pod = TestPods.await(client, ns, "init", TestPods.phase("Succeeded"));

    assertEquals("one\ntwo\n", client.pods().inNamespace(ns).withName("init").inContainer("main").getLog());
    assertEquals("init done\n", cluster.kubectl("logs", "-n", ns, "init", "-c", "second").output());
    assertEquals(0, pod.getStatus().getInitContainerStatuses().get(1).getState().getTerminated().getExitCode());
  }

  @Test
  void readinessFollowsAnHttpProbeOnThePodIp(TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    Pod created = create(ns, """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          volumes: [{name: www, emptyDir: {}}]
          containers:
          - name: server
            image: headroom-worker
            volumeMounts: [{name: www, mountPath: /www}]
            command: [python3, -m, http.server, '8080', --bind, $(HEADROOM_POD_IP), --directory, $(HEADROOM_MOUNT_WWW)]
            ports: [{name: http, containerPort: 8080}]
            readinessProbe:
              httpGet: {path: /healthy, port: http, httpHeaders: [{name: X-Probe, value: "yes"}]}
              periodSeconds: 1
              failureThreshold: 1
        """);
    TestPods.await(client, ns, "web", TestPods.phase("Running"));
    Await.until("a failed readiness probe event", TestPods.TIMEOUT, () -> client.v1().events().inNamespace(ns).list().getItems()
        .stream().filter(e -> "Unhealthy".equals(e.getReason()) && "web".equals(e.getInvolvedObject().getName()))
        .filter(e -> e.getMessage().contains("404")).findFirst());
    assertFalse(TestPods.ready().test(client.pods().inNamespace(ns).withName("web").get()), "ready while the probe fails");

    Path www = cluster.dir().resolve("kubelet/pods").resolve(created.getMetadata().getUid()).resolve("volumes/www");
    Files.writeString(www.resolve("healthy"), "ok");
    Pod ready = TestPods.await(client, ns, "web", TestPods.ready());

    assertTrue(TestPods.container(ready, "server").getReady());
  }

  @Test
  void deletingAPodStopsItsProcessWithinTheGracePeriod(TestNamespace namespace) {
    String ns = namespace.name();
    create(ns, """
        apiVersion: v1
        kind: Pod
        metadata: {name: sleeper}
        spec:
          containers:
          - name: main
            image: headroom-worker
            command: [sh, -c, 'echo pid=$$$$; exec sleep 600']
        """);
    TestPods.await(client, ns, "sleeper", TestPods.phase("Running"));
    ProcessHandle process = TestPods.awaitProcess(client, ns, "sleeper");

    client.pods().inNamespace(ns).withName("sleeper").withGracePeriod(10).delete();

    TestPods.awaitExit(process, Duration.ofSeconds(10));
    TestPods.awaitGone(client, ns, "sleeper", Duration.ofSeconds(30));
  }

  @Test
  void aProcessIgnoringSigtermIsKilledAfterTheGracePeriod(TestNamespace namespace) {
    String ns = namespace.name();
    create(ns, """
        apiVersion: v1
        kind: Pod
        metadata: {name: stubborn}
        spec:
          terminationGracePeriodSeconds: 2
          containers:
          - name: main
            image: headroom-worker
            command: [sh, -c, 'trap "" TERM; echo pid=$$$$; while true; do sleep 1; done']
        """);
    TestPods.await(client, ns, "stubborn", TestPods.phase("Running"));
    ProcessHandle process = TestPods.awaitProcess(client, ns, "stubborn");

    client.pods().inNamespace(ns).withName("stubborn").delete();

    TestPods.awaitExit(process, Duration.ofSeconds(20));
    TestPods.awaitGone(client, ns, "stubborn", Duration.ofSeconds(30));
  }

  @Test
  void failingLivenessProbeRestartsTheContainer(TestNamespace namespace) {
    String ns = namespace.name();
    create(ns, """
        apiVersion: v1
        kind: Pod
        metadata: {name: unhealthy}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: headroom-worker
            command: [sh, -c, 'exec sleep 600']
            livenessProbe:
              exec: {command: [sh, -c, 'exit 1']}
              periodSeconds: 1
              failureThreshold: 2
        """);

    Pod pod = TestPods.await(client, ns, "unhealthy", p -> p.getStatus().getContainerStatuses() != null
        && TestPods.container(p, "main").getRestartCount() >= 1);

    assertEquals(143, TestPods.container(pod, "main").getLastState().getTerminated().getExitCode(), "stopped with SIGTERM");
  }

  @Test
  void followedLogsStreamUntilTheProcessEnds(TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    Pod created = create(ns, """
        apiVersion: v1
        kind: Pod
        metadata: {name: chatty}
        spec:
          restartPolicy: Never
          volumes: [{name: ctl, emptyDir: {}}]
          containers:
          - name: main
            image: headroom-worker
            volumeMounts: [{name: ctl, mountPath: /ctl}]
            command: [sh, -c, 'echo first; while [ ! -f "$HEADROOM_MOUNT_CTL/stop" ]; do sleep 0.1; done; echo last']
        """);
    TestPods.awaitLog(client, ns, "chatty", "first");
    Process follow = new ProcessBuilder(cluster.binDir().resolve("kubectl").toString(), "--kubeconfig=" + cluster.kubeconfig(),
        "logs", "-f", "-n", ns, "chatty").redirectErrorStream(true).start();

    Files.writeString(cluster.dir().resolve("kubelet/pods").resolve(created.getMetadata().getUid())
        .resolve("volumes/ctl/stop"), "");

    assertTrue(follow.waitFor(30, TimeUnit.SECONDS), "kubectl logs -f ends when the process does");
    assertEquals("first\nlast\n", new String(follow.getInputStream().readAllBytes()));
  }
}
