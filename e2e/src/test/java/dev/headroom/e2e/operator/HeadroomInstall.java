package dev.headroom.e2e.operator;

import dev.headroom.e2e.Cluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The chart installed with {@code helm install} (CRDs included), as a cluster admin would: the
 * operator runs as a pod under the chart's ServiceAccount and RBAC, watches one namespace, and
 * enforces a policy. The demo target of {@code examples/demo-target.yaml} runs in that namespace
 * from the first test that needs it. Made once per test run by {@link HeadroomExtension}; closing
 * it deletes every LoadTest, uninstalls the release and deletes both namespaces.
 *
 * <p>Only one namespace is watched, rather than all, so the operator leaves alone LoadTests that
 * other tier-3 tests apply to study the CRD.
 */
final class HeadroomInstall implements AutoCloseable {

  /** The policy the chart is installed with; tests break it on purpose. */
  static final int MAX_WORKERS = 4;
  static final int MAX_TOTAL_RATE = 2000;
  static final List<String> ALLOWED_HOSTS = List.of("demo-target", "*.svc", "*.svc.cluster.local");
  /**
   * Workers of the process kubelet are ready in 2-3 s (a JVM start); anything slower is a failure
   * to report. The unpullable-image test waits this out, so it is not longer than it must be.
   */
  static final String READY_TIMEOUT = "20s";
  /** Short, so a run of seconds is checkpointed (and its workers drop intervals) several times. */
  static final String CHECKPOINT_INTERVAL = "2s";

  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
  private static final int LOG_LINES = 40;

  private final Cluster cluster;
  private final String release;
  private final String namespace;
  private final LoadTests loadTests;
  private final Path clockFile;
  private final int metricsPort = freePort();
  private boolean demoTargetUp;

  private HeadroomInstall(Cluster cluster, String release, String namespace) {
    this.cluster = cluster;
    this.release = release;
    this.namespace = namespace;
    this.loadTests = new LoadTests(cluster, this);
    try {
      this.clockFile = Files.createTempDirectory("headroom-clock-").resolve("now");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    setClock(Instant.now());
  }

  /**
   * Creates the namespace to watch and installs the chart into a namespace of its own under a fresh
   * release name; returns once the operator is ready.
   */
  static HeadroomInstall install(Cluster cluster) {
    String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
    HeadroomInstall headroom = new HeadroomInstall(cluster, "headroom-" + suffix, "loadtests-" + suffix);
    try {
      cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(headroom.namespace)
          .endMetadata().build()).create();
      headroom.installChart();
      headroom.awaitDeployment(headroom.release(), headroom.release);
      return headroom;
    } catch (RuntimeException | AssertionError e) {
      headroom.close();
      throw e;
    }
  }

  /** The Helm release; also the operator's Deployment and ServiceAccount name (the chart's full name). */
  public String release() {
    return release;
  }

  /** Where the chart is installed and the operator runs. */
  public String operatorNamespace() {
    return release;
  }

  /** The namespace the operator watches, with the demo target in it. */
  public String namespace() {
    return namespace;
  }

  public LoadTests loadTests() {
    return loadTests;
  }

  /**
   * Sets the time LoadTestSchedules follow: the operator reads it from the clock file (its
   * {@code HEADROOM_CLOCK_FILE}) at every reconcile, about once a second. Written whole and moved
   * into place, so the operator never reads half an instant.
   */
  public void setClock(Instant now) {
    try {
      Path next = clockFile.resolveSibling("now.next");
      Files.writeString(next, now.toString() + "\n", StandardCharsets.UTF_8);
      Files.move(next, clockFile, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  KubernetesClient client() {
    return cluster.client();
  }

  /** The running operator pod. */
  public Pod operatorPod() {
    List<Pod> pods = operatorPods();
    if (pods.size() != 1) {
      throw new AssertionError("expected one operator pod, found " + names(pods));
    }
    return pods.get(0);
  }

  /** The operator pods that are not being deleted. */
  public List<Pod> operatorPods() {
    return client().pods().inNamespace(operatorNamespace())
        .withLabel("app.kubernetes.io/instance", release).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  /**
   * {@code helm upgrade} to {@code replicas} operators, the other values kept: above one they elect
   * a leader. Returns once that many are ready and no other operator pod is left.
   */
  public void scaleOperator(int replicas) {
    helm(INSTALL_TIMEOUT, "upgrade", release, repo().resolve("helm/headroom").toString(),
        "--namespace", operatorNamespace(), "--reuse-values", "--set", "replicas=" + replicas);
    awaitDeployment(operatorNamespace(), release, d -> d != null && d.getStatus() != null
        && Integer.valueOf(replicas).equals(d.getStatus().getReadyReplicas())
        && Integer.valueOf(replicas).equals(d.getStatus().getUpdatedReplicas())
        && Integer.valueOf(replicas).equals(d.getStatus().getReplicas()));
    // Every pod counts, terminating ones too: the old replicas must be gone, not just going.
    LoadTests.within(client().pods().inNamespace(operatorNamespace()).withLabel("app.kubernetes.io/instance", release)
            .informOnCondition(pods -> pods.size() == replicas), INSTALL_TIMEOUT,
        () -> "old operator pods still there: " + podReport(operatorNamespace(), release));
  }

  /** Waits until the operator Deployment has a ready pod again (after one was deleted, say). */
  public void awaitOperatorReady() {
    awaitDeployment(operatorNamespace(), release);
  }

  /** The last lines the operator logged, for failure messages. */
  String operatorLog() {
    try {
      return client().pods().inNamespace(operatorNamespace()).withName(operatorPod().getMetadata().getName())
          .tailingLines(LOG_LINES).getLog();
    } catch (RuntimeException | AssertionError e) {
      return "(no operator log: " + e.getMessage() + ")";
    }
  }

  private void installChart() {
    Path values = writeValues();
    helm(INSTALL_TIMEOUT, "install", release, repo().resolve("helm/headroom").toString(),
        "--namespace", operatorNamespace(), "--create-namespace", "--values", values.toString());
  }

  /**
   * The values an admin would set: the images by repository name (what the process kubelet runs), the
   * watched namespace, a short ready timeout, a policy, and probe and metrics ports that nothing else
   * on this machine holds (the process kubelet runs every pod on the host's network); and the clock
   * file, so that schedules fire when a test says it is time.
   */
  private Path writeValues() {
    String yaml = String.join("\n",
        "image: {repository: headroom-operator}",
        "workerImage: {repository: headroom-worker}",
        "watchNamespaces: [" + namespace + "]",
        "readyTimeout: " + READY_TIMEOUT,
        "checkpointInterval: " + CHECKPOINT_INTERVAL,
        "metrics: {port: " + metricsPort + "}",
        "health: {port: " + freePort() + "}",
        "policy:",
        "  allowedHosts: [" + ALLOWED_HOSTS.stream().map(h -> "'" + h + "'").collect(Collectors.joining(", ")) + "]",
        "  maxTotalRate: " + MAX_TOTAL_RATE,
        "  maxWorkers: " + MAX_WORKERS,
        // The operator runs as a local process of this host: it reads the file where the tests write it.
        "extraEnv: [{name: HEADROOM_CLOCK_FILE, value: '" + clockFile + "'}]",
        "");
    try {
      Path file = Files.createTempFile("headroom-values-", ".yaml");
      file.toFile().deleteOnExit();
      return Files.writeString(file, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the operator serves at {@code path} of its metrics port, fetched from its pod (the process
   * kubelet runs it on the host, at the pod's address), as {@code status body}.
   */
  String getFromOperator(String path) {
    String url = "http://" + operatorPod().getStatus().getPodIP() + ":" + metricsPort + path;
    try {
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      return r.statusCode() + " " + r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted fetching " + url, e);
    }
  }

  /**
   * The {@code headroom} command line, in this JVM, on this cluster (its kubeconfig as a user's):
   * its exit status, then what it printed.
   */
  String headroom(String... args) {
    System.setProperty("kubeconfig", cluster.kubeconfig().toString());
    java.io.StringWriter out = new java.io.StringWriter();
    int exit = dev.headroom.cli.Headroom.commandLine().setOut(new java.io.PrintWriter(out, true))
        .setErr(new java.io.PrintWriter(out, true)).execute(args);
    return exit + " " + out;
  }

  /** The address the chart gives the operator for its reports: the metrics Service's. */
  String reportUrl() {
    return "http://" + release + "-metrics." + operatorNamespace() + ".svc:" + metricsPort;
  }

  /** Starts the demo target unless it is up, and waits until it is ready. */
  void demoTargetUp() {
    if (demoTargetUp) {
      return;
    }
    // The ServiceAccount admission refuses pods until the controller has made "default".
    client().serviceAccounts().inNamespace(namespace).withName("default")
        .waitUntilCondition(sa -> sa != null, 60, TimeUnit.SECONDS);
    kubectl("apply", "-n", namespace, "-f", repo().resolve("examples/demo-target.yaml").toString());
    awaitDeployment(namespace, "demo-target");
    demoTargetUp = true;
  }

  /**
   * Another demo target, {@code name}, as {@code examples/demo-target.yaml} but taking {@code
   * serviceTime} per request: the same service made slower. Its URL uses the Service's namespaced
   * name, which the installed policy allows ({@code *.svc}). Called again with another service
   * time, it returns once the rollout has replaced the pod: the service got slower (or faster).
   */
  String demoTargetUp(String name, String serviceTime) {
    demoTargetUp();
    String args = "\"--port\", \"8080\"]";
    try {
      String yaml = Files.readString(repo().resolve("examples/demo-target.yaml"));
      if (!yaml.contains(args)) {
        throw new AssertionError("examples/demo-target.yaml no longer ends its args with " + args);
      }
      Path file = Files.createTempFile(name, ".yaml");
      Files.writeString(file, yaml.replace("demo-target", name)
          .replace(args, "\"--port\", \"8080\", \"--service-time\", \"" + serviceTime + "\"]"));
      kubectl("apply", "-n", namespace, "-f", file.toString());
      Files.delete(file);
      kubectl("rollout", "status", "-n", namespace, "deployment/" + name, "--timeout=120s");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitDeployment(namespace, name);
    return "http://" + name + "." + namespace + ".svc:8080";
  }

  private void awaitDeployment(String ns, String name) {
    awaitDeployment(ns, name, HeadroomInstall::available);
  }

  private void awaitDeployment(String ns, String name, Predicate<Deployment> done) {
    try {
      client().apps().deployments().inNamespace(ns).withName(name).waitUntilCondition(done,
          INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (KubernetesClientTimeoutException e) {
      throw new AssertionError("Deployment " + ns + "/" + name + " not ready within " + INSTALL_TIMEOUT.toSeconds()
          + "s; its pods: " + podReport(ns, name), e);
    }
  }

  private static boolean available(Deployment d) {
    return d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null
        && d.getStatus().getReadyReplicas() >= 1
        && (d.getStatus().getUnavailableReplicas() == null || d.getStatus().getUnavailableReplicas() == 0);
  }

  /** Each pod of a Deployment with its phase, container states and last log lines. */
  private String podReport(String ns, String deployment) {
    List<String> lines = new ArrayList<>();
    for (Pod pod : client().pods().inNamespace(ns).list().getItems()) {
      String name = pod.getMetadata().getName();
      if (!name.startsWith(deployment + "-")) {
        continue;
      }
      String log;
      try {
        log = client().pods().inNamespace(ns).withName(name).tailingLines(LOG_LINES).getLog();
      } catch (RuntimeException e) {
        log = "(no log: " + e.getMessage() + ")";
      }
      lines.add(name + " " + (pod.getStatus() == null ? "" : pod.getStatus().getPhase() + " "
          + pod.getStatus().getContainerStatuses()) + "\nlog:\n" + log);
    }
    return lines.isEmpty() ? "none" : String.join("\n", lines);
  }

  /** Runs {@code kubectl} against the cluster; fails the test with its output unless it succeeds. */
  String kubectl(String... args) {
    Cluster.Result result = cluster.kubectl(args);
    if (result.exitCode() != 0) {
      throw new AssertionError("kubectl " + String.join(" ", args) + " failed (exit " + result.exitCode() + "): "
          + result.output());
    }
    return result.output();
  }

  private String helm(Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(cluster.binDir().resolve("helm").toString());
    command.add("--kubeconfig=" + cluster.kubeconfig());
    command.addAll(List.of(args));
    return Commands.succeed(timeout, command);
  }

  /** LoadTests first, while the operator is there to stop their workers; then the release and namespaces. */
  @Override
  public void close() {
    try {
      loadTests.deleteAll();
    } finally {
      try {
        helm(INSTALL_TIMEOUT, "uninstall", release, "--namespace", operatorNamespace(), "--wait", "--ignore-not-found");
      } finally {
        client().namespaces().withName(namespace).delete();
        client().namespaces().withName(operatorNamespace()).delete();
        deleteClockFile();
      }
    }
  }

  private void deleteClockFile() {
    try {
      Files.deleteIfExists(clockFile);
      Files.deleteIfExists(clockFile.getParent());
    } catch (IOException e) {
      System.err.println("cannot delete the clock file " + clockFile + ": " + e.getMessage());
    }
  }

  /** The repository: the nearest directory above the working directory with a pom.xml and e2e/. */
  static Path repo() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("e2e"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository above " + Path.of("").toAbsolutePath());
  }

  /** Where the operator pod serves {@code /metrics}, as a scrape target: {@code ip:port}. */
  String metricsTarget() {
    return operatorPod().getStatus().getPodIP() + ":" + metricsPort;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).toList().toString();
  }
}
