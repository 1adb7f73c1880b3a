package dev.headroom.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.e2e.operator.Commands;
import dev.headroom.e2e.operator.PlannedLoad;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Tier 4: the quickstart in a real cluster with real containers (K3s via Testcontainers). The
 * operator and worker images built by {@code jib:buildTar} are imported into the cluster's
 * containerd, the chart is installed with the {@code helm} of the tier-3 binaries, and the demo
 * target and {@code examples/quickstart.yaml} are applied with {@code kubectl}.
 *
 * <p>Runs only where a Docker engine is available and the image tars were built
 * ({@code ./mvnw -pl load-worker,operator package -DskipTests jib:buildTar}); elsewhere it is
 * reported as skipped, with one line saying why, never as passed.
 */
class K3sQuickstartE2E {

  static final String NO_DOCKER = "K3s tier skipped: no Docker engine on this machine";
  private static final DockerImageName K3S = DockerImageName.parse("rancher/k3s:v1.31.5-k3s1");
  private static final Path REPO = ClusterExtension.repositoryRoot();
  /** Jib's default output, {@code target/jib-image.tar}, of each image's module. */
  private static final List<Path> IMAGE_TARS = List.of(
      REPO.resolve("operator/target/jib-image.tar"), REPO.resolve("load-worker/target/jib-image.tar"));
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  /** Per test, not per class: a class-level abort would leave the tests out of the counts. */
  @BeforeEach
  void requireDockerAndImages() {
    if (!dockerAvailable()) {
      skip(NO_DOCKER);
    }
    List<Path> missing = IMAGE_TARS.stream().filter(p -> !Files.isRegularFile(p)).toList();
    if (!missing.isEmpty()) {
      skip("K3s tier skipped: no image tar " + missing
          + " (build: ./mvnw -pl load-worker,operator package -DskipTests jib:buildTar)");
    }
  }

  private static void skip(String why) {
    System.err.println(why);
    Assumptions.abort(why);
  }

  /** Asks Testcontainers only when an engine could be there, so a machine without one gets one line, not a probe log. */
  private static boolean dockerAvailable() {
    boolean configured = System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of("/var/run/docker.sock"))
        || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    return configured && DockerClientFactory.instance().isDockerAvailable();
  }

  @Test
  void quickstartRunsInK3s() throws IOException, InterruptedException {
    Path binDir = tier3Binaries();
    try (K3sContainer k3s = new K3sContainer(K3S)) {
      k3s.start();
      for (Path tar : IMAGE_TARS) {
        importImage(k3s, tar);
      }
      Path kubeconfig = Files.createTempFile("k3s-", ".kubeconfig");
      try (KubernetesClient client = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.writeString(kubeconfig, k3s.getKubeConfigYaml(), StandardCharsets.UTF_8)
              .toFile())).build()) {
        // Never pull: the images exist only as imported, and a pull would hide a failed import behind a registry error.
        tool(binDir, "helm", kubeconfig, "install", "headroom", REPO.resolve("helm/headroom").toString(),
            "--namespace", "headroom-system", "--create-namespace", "--set", "image.pullPolicy=Never",
            "--wait", "--timeout", TIMEOUT.toSeconds() + "s");
        tool(binDir, "kubectl", kubeconfig, "apply", "-n", "default", "-f", REPO.resolve("examples/demo-target.yaml").toString());
        client.apps().deployments().inNamespace("default").withName("demo-target")
            .waitUntilCondition(K3sQuickstartE2E::available, TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        tool(binDir, "kubectl", kubeconfig, "apply", "-n", "default", "-f", REPO.resolve("examples/quickstart.yaml").toString());

        LoadTest lt = client.resources(LoadTest.class).inNamespace("default").withName("quickstart").waitUntilCondition(
            t -> t != null && t.getStatus() != null && (t.getStatus().getPhase() == LoadTestPhase.Succeeded
                || t.getStatus().getPhase() == LoadTestPhase.Failed), TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        LoadTestStatus s = lt.getStatus();
        assertEquals(LoadTestPhase.Succeeded, s.getPhase(), s.getMessage());
        assertEquals(Verdict.Pass, s.getVerdict(), s.getMessage());
        LoadTest quickstart = PlannedLoad.read(REPO.resolve("examples/quickstart.yaml"));
        PlannedLoad.assertMatches(PlannedLoad.requests(quickstart.getSpec()), s.getSummary().requests(), "quickstart");
        assertEquals(quickstart.getSpec().replicas(), s.getWorkers().ready());
      } finally {
        Files.deleteIfExists(kubeconfig);
      }
    }
  }

  /** {@code helm} and {@code kubectl} as the tier-3 control plane builds them (quick once cached). */
  private static Path tier3Binaries() {
    Commands.Result built = Commands.run(Duration.ofMinutes(30), List.of(REPO.resolve("e2e/build-binaries").toString()));
    List<String> lines = built.output().lines().filter(l -> !l.isBlank()).toList();
    if (built.exitCode() != 0 || lines.isEmpty()) {
      skip("K3s tier skipped: no helm/kubectl, e2e/build-binaries failed: "
          + (lines.isEmpty() ? "no output" : lines.get(lines.size() - 1)));
    }
    return Path.of(lines.get(lines.size() - 1).trim());
  }

  /** Puts a Jib image tar into the K3s containerd's image store, where the kubelet finds it. */
  private static void importImage(K3sContainer k3s, Path tar) throws IOException, InterruptedException {
    String inside = "/tmp/" + tar.getParent().getParent().getFileName() + "-image.tar";
    k3s.copyFileToContainer(MountableFile.forHostPath(tar), inside);
    Container.ExecResult result = k3s.execInContainer("ctr", "-n", "k8s.io", "images", "import", inside);
    assertEquals(0, result.getExitCode(), "ctr images import " + tar + ": " + result.getStderr());
  }

  private static void tool(Path binDir, String tool, Path kubeconfig, String... args) {
    List<String> command = new ArrayList<>(List.of(binDir.resolve(tool).toString(), "--kubeconfig=" + kubeconfig));
    command.addAll(List.of(args));
    Commands.succeed(TIMEOUT, command);
  }

  private static boolean available(Deployment d) {
    return d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null
        && d.getStatus().getReadyReplicas() >= 1;
  }
}
