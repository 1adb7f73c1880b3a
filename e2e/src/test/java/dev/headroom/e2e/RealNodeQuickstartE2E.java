package dev.headroom.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.e2e.operator.Commands;
import dev.headroom.e2e.operator.PlannedLoad;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real-container tier: {@code HEADROOM_NODE=containerd e2e/cluster up} (containerd, the real
 * kubelet, kube-proxy, CoreDNS, a local registry with the Jib images on the Debian base), then the
 * chart installed with the image values {@code up} prints, the demo target and
 * {@code examples/quickstart.yaml} applied, and the run checked to succeed with the requests its
 * stages plan, on workers that run the registry's worker image as uid 65532. {@code down} must
 * leave neither the bridge nor the {@code kubepods} cgroups behind.
 *
 * <p>Opt-in with {@code HEADROOM_REAL_NODE=1} (it needs root and the Debian packages listed in
 * {@code e2e/README.md}); otherwise reported as skipped with one line. Its cluster has its own
 * directory ({@code HEADROOM_REAL_NODE_DIR}, default {@code /tmp/headroom-real-node}) and ports,
 * so it never meets the tier-3 cluster.
 */
class RealNodeQuickstartE2E {

  private static final Path REPO = ClusterExtension.repositoryRoot();
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(60);
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern EXPORT = Pattern.compile("^export (KUBECONFIG|PATH)=(.*)$", Pattern.MULTILINE);
  private static final Pattern VALUE = Pattern.compile("--set (\\S+)=(\\S+)");
  private static final String BRIDGE = "headroom-e2e";
  private static final int NONROOT = 65532;

  @BeforeEach
  void optedIn() {
    if (!"1".equals(System.getenv("HEADROOM_REAL_NODE"))) {
      String why = "real-node tier skipped: set HEADROOM_REAL_NODE=1 to run it (root, containerd tier packages; see e2e/README.md)";
      System.err.println(why);
      Assumptions.abort(why);
    }
  }

  @Test
  void quickstartSucceedsOnRealContainers() throws IOException {
    Path dir = Path.of(System.getenv().getOrDefault("HEADROOM_REAL_NODE_DIR", "/tmp/headroom-real-node"));
    Map<String, String> env = clusterEnv(dir);
    Path upLog = REPO.resolve("e2e/target/real-node-up.log");
    Files.createDirectories(upLog.getParent());
    Files.deleteIfExists(upLog);
    Cluster.Result up = Cluster.run(List.of(REPO.resolve("e2e/cluster").toString(), "up"), env, UP_TIMEOUT, upLog);
    try {
      assertEquals(0, up.exitCode(), () -> "e2e/cluster up failed, see " + upLog + ": " + tail(upLog));
      Map<String, String> exports = new HashMap<>();
      Matcher m = EXPORT.matcher(up.output());
      while (m.find()) {
        exports.put(m.group(1), m.group(2).replace(":\"$PATH\"", "").replace("'", ""));
      }
      Path kubeconfig = Path.of(exports.get("KUBECONFIG"));
      Path binDir = Path.of(exports.get("PATH").split(":")[0]);
      // The chart's image values, as `up` prints them for a person to paste.
      List<String> values = new ArrayList<>();
      Map<String, String> images = new HashMap<>();
      Matcher v = VALUE.matcher(Files.readString(upLog, StandardCharsets.UTF_8));
      while (v.find()) {
        values.addAll(List.of("--set", v.group(1) + "=" + v.group(2)));
        images.put(v.group(1), v.group(2));
      }
      assertTrue(images.containsKey("image.repository") && images.containsKey("workerImage.repository"),
          () -> "up printed no image values: " + tail(upLog));

      try (Cluster cluster = new Cluster(kubeconfig, binDir, () -> { })) {
        KubernetesClient client = cluster.client();
        List<String> install = new ArrayList<>(List.of("install", "headroom", REPO.resolve("helm/headroom").toString(),
            "--namespace", "headroom-system", "--create-namespace", "--wait", "--timeout", TIMEOUT.toSeconds() + "s"));
        install.addAll(values);
        tool(binDir, "helm", kubeconfig, install);

        // examples/demo-target.yaml names the operator image without a registry; point it at ours.
        String operatorImage = images.get("image.repository");
        Path demoTarget = Files.createTempFile("demo-target-", ".yaml");
        try {
          Files.writeString(demoTarget, Files.readString(REPO.resolve("examples/demo-target.yaml"), StandardCharsets.UTF_8)
              .replace("image: headroom-operator:", "image: " + operatorImage + ":"), StandardCharsets.UTF_8);
          tool(binDir, "kubectl", kubeconfig, List.of("apply", "-n", "default", "-f", demoTarget.toString()));
        } finally {
          Files.deleteIfExists(demoTarget);
        }
        client.apps().deployments().inNamespace("default").withName("demo-target")
            .waitUntilCondition(RealNodeQuickstartE2E::available, TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        tool(binDir, "kubectl", kubeconfig,
            List.of("apply", "-n", "default", "-f", REPO.resolve("examples/quickstart.yaml").toString()));

        LoadTest lt = client.resources(LoadTest.class).inNamespace("default").withName("quickstart").waitUntilCondition(
            t -> t != null && t.getStatus() != null && (t.getStatus().getPhase() == LoadTestPhase.Succeeded
                || t.getStatus().getPhase() == LoadTestPhase.Failed), TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        LoadTestStatus s = lt.getStatus();
        assertEquals(LoadTestPhase.Succeeded, s.getPhase(), s.getMessage());
        assertEquals(Verdict.Pass, s.getVerdict(), s.getMessage());
        LoadTest quickstart = PlannedLoad.read(REPO.resolve("examples/quickstart.yaml"));
        PlannedLoad.assertMatches(PlannedLoad.requests(quickstart.getSpec()), s.getSummary().requests(), "quickstart");
        assertEquals(quickstart.getSpec().replicas(), s.getWorkers().ready());

        // The workers ran the registry's worker image, pulled by containerd, as the image's non-root user.
        List<Pod> workers = client.pods().inNamespace("default").withLabel("app.kubernetes.io/name", "headroom-worker").list()
            .getItems();
        assertEquals(quickstart.getSpec().replicas(), workers.size(), workers.toString());
        for (Pod pod : workers) {
          String image = pod.getSpec().getContainers().get(0).getImage();
          assertTrue(image.startsWith(images.get("workerImage.repository") + ":"), image);
          String imageId = pod.getStatus().getContainerStatuses().get(0).getImageID();
          assertTrue(imageId.startsWith(images.get("workerImage.repository") + "@sha256:"), imageId);
        }
        Pod operator = client.pods().inNamespace("headroom-system").withLabel("app.kubernetes.io/name", "headroom-operator").list()
            .getItems().get(0);
        String uid = tool(binDir, "kubectl", kubeconfig, List.of("exec", "-n", "headroom-system",
            operator.getMetadata().getName(), "--", "id", "-u")).trim();
        assertEquals(String.valueOf(NONROOT), uid);
      }
    } finally {
      Cluster.Result down = Cluster.run(List.of(REPO.resolve("e2e/cluster").toString(), "down"), env,
          Duration.ofMinutes(3), REPO.resolve("e2e/target/real-node-down.log"));
      assertEquals(0, down.exitCode(), "e2e/cluster down failed, see e2e/target/real-node-down.log");
    }
    // What the node put on the host is gone.
    assertNotEquals(0, Commands.run(Duration.ofSeconds(10), List.of("ip", "link", "show", BRIDGE)).exitCode(),
        "bridge " + BRIDGE + " left behind");
    assertFalse(Files.exists(Path.of("/sys/fs/cgroup/memory/kubepods")), "kubepods cgroup left behind");
  }

  /** Its own cluster dir and ports, none of the tier-3 defaults; the watchdog takes it down if this JVM dies. */
  private static Map<String, String> clusterEnv(Path dir) {
    Map<String, String> env = new HashMap<>();
    env.put("HEADROOM_NODE", "containerd");
    env.put("HEADROOM_CLUSTER_DIR", dir.toString());
    env.put("HEADROOM_ETCD_PORT", "23890");
    env.put("HEADROOM_ETCD_PEER_PORT", "23900");
    env.put("HEADROOM_APISERVER_PORT", "16543");
    env.put("HEADROOM_KCM_PORT", "20357");
    env.put("HEADROOM_SCHEDULER_PORT", "20359");
    env.put("HEADROOM_KUBELET_PORT", "10350");
    env.put("HEADROOM_KUBELET_HEALTHZ_PORT", "10348");
    env.put("HEADROOM_PROXY_HEALTHZ_PORT", "10356");
    env.put("HEADROOM_PROXY_METRICS_PORT", "10349");
    env.put("HEADROOM_BRIDGE", BRIDGE);
    env.put("HEADROOM_OWNER_PID", String.valueOf(ProcessHandle.current().pid()));
    return env;
  }

  private static String tool(Path binDir, String tool, Path kubeconfig, List<String> args) {
    List<String> command = new ArrayList<>(List.of(binDir.resolve(tool).toString(), "--kubeconfig=" + kubeconfig));
    command.addAll(args);
    return Commands.succeed(TIMEOUT, command);
  }

  private static boolean available(Deployment d) {
    return d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null
        && d.getStatus().getReadyReplicas() >= 1;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
