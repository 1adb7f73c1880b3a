package dev.headroom.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.api.v1alpha1.CapacityResult;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.ThresholdResult;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.api.v1alpha1.WorkerCounts;
import dev.headroom.e2e.operator.CapacityChecks;
import dev.headroom.e2e.operator.Commands;
import dev.headroom.e2e.operator.PlannedLoad;
import dev.headroom.operator.OperatorRuntime;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real-container tier: {@code HEADROOM_NODE=containerd e2e/cluster up} (containerd, the real
 * kubelet, kube-proxy, CoreDNS, a local registry with the Jib images on the Debian base) and one
 * {@code helm install} with the image values {@code up} prints, shared by every test here so the
 * tier costs one {@code up} and one install in CI. The tests run in order (the last one changes the
 * install to two operator replicas); after them {@code down} must leave neither the bridge nor the
 * {@code kubepods} cgroups behind.
 *
 * <p>Opt-in with {@code HEADROOM_REAL_NODE=1} (it needs root and the Debian packages listed in
 * {@code e2e/README.md}); otherwise every test is reported as skipped with one line. Its cluster
 * has its own directory ({@code HEADROOM_REAL_NODE_DIR}, default {@code /tmp/headroom-real-node})
 * and ports, so it never meets the tier-3 cluster. {@code HEADROOM_REAL_NODE_KEEP=1} leaves the
 * cluster up afterwards (and a later run reuses it), for working on these tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeE2E {

  private static final Path REPO = ClusterExtension.repositoryRoot();
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(60);
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern EXPORT = Pattern.compile("^export (KUBECONFIG|PATH)=(.*)$", Pattern.MULTILINE);
  private static final Pattern VALUE = Pattern.compile("--set (\\S+)=(\\S+)");
  private static final Pattern MAX_HEAP = Pattern.compile("jvm: max heap (\\d+) MiB");
  private static final String BRIDGE = "headroom-e2e";
  private static final String OPERATOR_NS = "headroom-system";
  private static final String WORKER_LABEL = "app.kubernetes.io/name";
  private static final int NONROOT = 65532;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path dir;
  private Map<String, String> env;
  private Path binDir;
  private Path kubeconfig;
  private Path nodeBin;
  private Cluster cluster;
  private KubernetesClient client;
  private final Map<String, String> images = new HashMap<>();
  private final List<String> imageValues = new ArrayList<>();

  /** Each test reported as skipped, with the reason, when the tier is not opted in. */
  @BeforeEach
  void optedIn() {
    if (!optIn()) {
      Assumptions.abort(SKIPPED);
    }
  }

  private static final String SKIPPED =
      "real-node tier skipped: set HEADROOM_REAL_NODE=1 to run it (root, containerd tier packages; see e2e/README.md)";

  private static boolean optIn() {
    return "1".equals(System.getenv("HEADROOM_REAL_NODE"));
  }

  @BeforeAll
  void upAndInstall() throws IOException {
    if (!optIn()) {
      System.err.println(SKIPPED);
      return;
    }
    dir = Path.of(System.getenv().getOrDefault("HEADROOM_REAL_NODE_DIR", "/tmp/headroom-real-node"));
    env = clusterEnv(dir);
    Path upLog = REPO.resolve("e2e/target/real-node-up.log");
    Files.createDirectories(upLog.getParent());
    Files.deleteIfExists(upLog);
    long t0 = System.nanoTime();
    Cluster.Result up = Cluster.run(List.of(REPO.resolve("e2e/cluster").toString(), "up"), env, UP_TIMEOUT, upLog);
    assertEquals(0, up.exitCode(), () -> "e2e/cluster up failed, see " + upLog + ": " + tail(upLog));
    System.err.printf("real-node: e2e/cluster up took %ds%n", seconds(t0));
    Map<String, String> exports = new HashMap<>();
    Matcher m = EXPORT.matcher(up.output());
    while (m.find()) {
      exports.put(m.group(1), m.group(2).replace(":\"$PATH\"", "").replace("'", ""));
    }
    kubeconfig = Path.of(exports.get("KUBECONFIG"));
    binDir = Path.of(exports.get("PATH").split(":")[0]);
    nodeBin = Path.of(Files.readString(dir.resolve("run/nodebin"), StandardCharsets.UTF_8).trim());
    // The chart's image values, as `up` prints them for a person to paste.
    Matcher v = VALUE.matcher(Files.readString(upLog, StandardCharsets.UTF_8));
    while (v.find()) {
      imageValues.addAll(List.of("--set", v.group(1) + "=" + v.group(2)));
      images.put(v.group(1), v.group(2));
    }
    assertTrue(images.containsKey("image.repository") && images.containsKey("workerImage.repository"),
        () -> "up printed no image values: " + tail(upLog));
    cluster = new Cluster(kubeconfig, binDir, () -> { });
    client = cluster.client();

    t0 = System.nanoTime();
    helmInstall(1);
    System.err.printf("real-node: helm install took %ds%n", seconds(t0));

    applyDemoTarget("default");
  }

  /** examples/demo-target.yaml in {@code ns}, ready. */
  private void applyDemoTarget(String ns) throws IOException {
    // examples/demo-target.yaml names the operator image without a registry; point it at ours.
    String operatorImage = images.get("image.repository");
    Path demoTarget = Files.createTempFile("demo-target-", ".yaml");
    try {
      Files.writeString(demoTarget, Files.readString(REPO.resolve("examples/demo-target.yaml"), StandardCharsets.UTF_8)
          .replace("image: headroom-operator:", "image: " + operatorImage + ":"), StandardCharsets.UTF_8);
      kubectl("apply", "-n", ns, "-f", demoTarget.toString());
    } finally {
      Files.deleteIfExists(demoTarget);
    }
    client.apps().deployments().inNamespace(ns).withName("demo-target")
        .waitUntilCondition(RealNodeE2E::available, TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  @AfterAll
  void down() {
    if (client != null) {
      client.close();
    }
    if (env == null) {
      return; // skipped
    }
    if ("1".equals(System.getenv("HEADROOM_REAL_NODE_KEEP"))) {
      System.err.println("real-node: HEADROOM_REAL_NODE_KEEP=1: the cluster in " + dir + " stays up");
      return;
    }
    long t0 = System.nanoTime();
    Cluster.Result down = Cluster.run(List.of(REPO.resolve("e2e/cluster").toString(), "down"), env,
        Duration.ofMinutes(3), REPO.resolve("e2e/target/real-node-down.log"));
    System.err.printf("real-node: e2e/cluster down took %ds%n", seconds(t0));
    assertEquals(0, down.exitCode(), "e2e/cluster down failed, see e2e/target/real-node-down.log");
    // What the node put on the host is gone.
    assertNotEquals(0, Commands.run(Duration.ofSeconds(10), List.of("ip", "link", "show", BRIDGE)).exitCode(),
        "bridge " + BRIDGE + " left behind");
    assertFalse(Files.exists(Path.of("/sys/fs/cgroup/memory/kubepods")), "kubepods cgroup left behind");
  }

  @Test
  @Order(1)
  void quickstartSucceedsOnRealContainers() {
    kubectl("apply", "-n", "default", "-f", REPO.resolve("examples/quickstart.yaml").toString());
    LoadTest lt = awaitEnd("default", "quickstart", TIMEOUT);
    LoadTestStatus s = lt.getStatus();
    assertEquals(LoadTestPhase.Succeeded, s.getPhase(), s.getMessage());
    assertEquals(Verdict.Pass, s.getVerdict(), s.getMessage());
    // Nothing but the status was written: no finalizer, and every field the operator owns is status.
    assertTrue(lt.getMetadata().getFinalizers().isEmpty(), lt.getMetadata().getFinalizers().toString());
    assertTrue(lt.getMetadata().getManagedFields().stream()
            .filter(f -> !"kubectl-client-side-apply".equals(f.getManager()) && !"kubectl".equals(f.getManager()))
            .allMatch(f -> "status".equals(f.getSubresource())),
        () -> lt.getMetadata().getManagedFields().stream().map(f -> f.getManager() + "/" + f.getSubresource()).toList().toString());
    LoadTestSpec spec = PlannedLoad.read(REPO.resolve("examples/quickstart.yaml")).getSpec();
    PlannedLoad.assertMatches(PlannedLoad.requests(spec), s.getSummary().requests(), "quickstart");
    assertEquals(spec.load().stages().size(), s.getStages().size());
    for (int i = 0; i < s.getStages().size(); i++) {
      PlannedLoad.assertMatches(PlannedLoad.requests(spec.load().stages().get(i)), s.getStages().get(i).requests(),
          "stage " + i);
    }
    assertEquals(List.of(true, true), s.getThresholds().stream().map(ThresholdResult::passed).toList());
    int replicas = spec.replicas();
    assertEquals(new WorkerCounts(replicas, replicas, 0), s.getWorkers());
    assertEquals("quickstart-run1-results", s.getResults().configMap());
    ConfigMap results = client.configMaps().inNamespace("default").withName("quickstart-run1-results").get();
    assertNotNull(results, "no results ConfigMap");
    assertTrue(results.getData().values().stream().noneMatch(String::isBlank), results.getData().keySet().toString());
    // Told to stop once collected, every worker exits 0, so the run's Job completes.
    Job job = client.batch().v1().jobs().inNamespace("default").withName("quickstart-run1").waitUntilCondition(
        j -> j != null && j.getStatus() != null && j.getStatus().getConditions() != null
            && j.getStatus().getConditions().stream().anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus())),
        TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(replicas, job.getStatus().getSucceeded());

    // The workers ran the registry's worker image, pulled by containerd, as the image's non-root user.
    List<Pod> workers = workerPods("default");
    assertEquals(replicas, workers.size(), workers.toString());
    for (Pod pod : workers) {
      String image = pod.getSpec().getContainers().get(0).getImage();
      assertTrue(image.startsWith(images.get("workerImage.repository") + ":"), image);
      String imageId = pod.getStatus().getContainerStatuses().get(0).getImageID();
      assertTrue(imageId.startsWith(images.get("workerImage.repository") + "@sha256:"), imageId);
    }
    Pod operator = client.pods().inNamespace(OPERATOR_NS).withLabel(WORKER_LABEL, "headroom-operator").list()
        .getItems().get(0);
    assertEquals(String.valueOf(NONROOT), kubectl("exec", "-n", OPERATOR_NS, operator.getMetadata().getName(),
        "--", "id", "-u").trim());
  }

  /**
   * A running worker container, inspected from inside and from the host: uid 65532, only /tmp
   * writable, no service-account token, native epoll (its log line and its /ready), a heap below
   * the container's memory limit, and the demo target resolved by its Service name through CoreDNS.
   * Then the LoadTest is deleted mid-run and no container of its workers may remain on the node.
   */
  @Test
  @Order(3)
  void aWorkerRunsLockedDownOnEpollAndLeavesNoContainerWhenItsRunIsDeleted() throws Exception {
    String ns = namespace("rn-worker");
    int limitMiB = 256;
    create(ns, """
        apiVersion: headroom.dev/v1alpha1
        kind: LoadTest
        metadata: {name: locked}
        spec:
          target: {url: "http://demo-target.default:8080"}
          requests: [{name: browse, method: GET, path: /products}]
          load:
            stages: [{duration: 5m, rate: 20}]
          workers:
            replicas: 2
            resources: {limits: {memory: %dMi}}
        """.formatted(limitMiB));
    LoadTest running = await(ns, "locked", "Running with progress", lt -> phase(lt) == LoadTestPhase.Running
        && lt.getStatus().getProgress() != null && lt.getStatus().getProgress().rps() != null
        && lt.getStatus().getProgress().rps() > 0, TIMEOUT);
    assertNotNull(running.getStatus().getProgress());
    List<Pod> workers = workerPods(ns);
    assertEquals(2, workers.size(), workers.toString());
    Pod pod = workers.get(0);
    String name = pod.getMetadata().getName();

    // Identity and filesystem, as the container sees them.
    assertEquals(String.valueOf(NONROOT), exec(ns, name, "id", "-u").output().trim());
    assertEquals(String.valueOf(NONROOT), exec(ns, name, "id", "-g").output().trim());
    for (String path : List.of("/", "/app", "/home/nonroot", "/etc", "/var/tmp", "/usr")) {
      Commands.Result write = exec(ns, name, "touch", path + "/headroom-write-probe");
      assertNotEquals(0, write.exitCode(), "wrote to " + path + " on a read-only root: " + write.output());
      assertTrue(write.output().contains("Read-only file system") || write.output().contains("Permission denied")
          || write.output().contains("No such file"), write.output());
    }
    assertEquals(0, exec(ns, name, "touch", "/tmp/headroom-write-probe").exitCode(), "/tmp must be writable");
    String rootMount = exec(ns, name, "cat", "/proc/self/mounts").output().lines()
        .filter(l -> l.split(" ")[1].equals("/")).findFirst().orElseThrow();
    assertTrue(rootMount.split(" ")[3].startsWith("ro"), "root mounted read-only: " + rootMount);
    // No Kubernetes API credentials in a worker.
    assertNotEquals(0, exec(ns, name, "ls", "/var/run/secrets/kubernetes.io/serviceaccount").exitCode(),
        "a service-account token is mounted");
    assertTrue(pod.getSpec().getVolumes().stream().noneMatch(vol -> vol.getProjected() != null
        && vol.getName().startsWith("kube-api-access")), pod.getSpec().getVolumes().toString());
    String capEff = exec(ns, name, "cat", "/proc/1/status").output().lines().filter(l -> l.startsWith("CapEff:"))
        .findFirst().orElseThrow().substring("CapEff:".length()).trim();
    assertTrue(capEff.matches("0+"), "no effective capabilities, got CapEff " + capEff);

    // The transport: one log line at start, and the same in GET /ready, read from the host over the bridge.
    String log = kubectl("logs", "-n", ns, name);
    assertTrue(log.contains("headroom worker: transport: epoll (native)"), log);
    HttpResponse<String> ready = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + pod.getStatus().getPodIP() + ":8089/ready"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ready.statusCode(), ready.body());
    JsonNode readyJson = JSON.readTree(ready.body());
    assertEquals("epoll", readyJson.path("transport").asText(), ready.body());
    assertFalse(readyJson.has("transportProblem"), ready.body());

    // The heap the JVM chose fits in the container's memory limit, which the container's cgroup holds.
    long cgroupLimit = Long.parseLong(exec(ns, name, "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes")
        .output().trim());
    assertEquals(limitMiB * 1024L * 1024L, cgroupLimit, "the pod's memory limit is the container's cgroup limit");
    Matcher heap = MAX_HEAP.matcher(log);
    assertTrue(heap.find(), "no max heap line in the worker's log: " + log);
    int heapMiB = Integer.parseInt(heap.group(1));
    System.err.printf("real-node: worker max heap %d MiB under a %d MiB limit%n", heapMiB, limitMiB);
    assertTrue(heapMiB > 0 && heapMiB <= limitMiB / 2, "max heap " + heapMiB + " MiB in a " + limitMiB + " MiB container");

    // The target was named by its Service; the pod resolves it through CoreDNS (the kubelet's
    // clusterDNS, the kube-dns Service) to the Service's cluster IP, and the run's requests succeed.
    String dnsIp = client.services().inNamespace("kube-system").withName("kube-dns").get().getSpec().getClusterIP();
    String resolv = exec(ns, name, "cat", "/etc/resolv.conf").output();
    assertTrue(resolv.lines().anyMatch(l -> l.equals("nameserver " + dnsIp)), resolv);
    String targetIp = client.services().inNamespace("default").withName("demo-target").get().getSpec().getClusterIP();
    String resolved = exec(ns, name, "getent", "hosts", "demo-target.default").output().trim();
    assertTrue(resolved.startsWith(targetIp + " ") && resolved.contains("demo-target.default.svc.cluster.local"),
        "demo-target.default resolved to " + resolved + ", its Service has " + targetIp);
    LoadTest now = client.resources(LoadTest.class).inNamespace(ns).withName("locked").get();
    assertEquals(0L, Optional.ofNullable(now.getStatus().getProgress().errors()).orElse(0L), () -> "errors reaching the target by name: " + now.getStatus());

    // Deleting the LoadTest mid-run removes its workers' containers from the node, not only the pods.
    assertFalse(containers(ns).isEmpty(), "containerd lists no container of " + ns + " before the delete");
    long t0 = System.nanoTime();
    client.resources(LoadTest.class).inNamespace(ns).withName("locked").delete();
    Await.until("no container of namespace " + ns + " left in containerd", Duration.ofMinutes(3),
        () -> containers(ns).isEmpty() ? Optional.of(true) : Optional.empty());
    System.err.printf("real-node: containers of a deleted LoadTest gone from containerd in %ds%n", seconds(t0));
    assertTrue(workerPods(ns).isEmpty(), "worker pods left after the LoadTest was deleted");
  }

  /**
   * Workers whose memory limit is far below what 1 MB responses on 256 connections need are killed
   * by the kernel mid-run; the run says OOMKilled and follows {@code failurePolicy: Fail}.
   */
  @Test
  @Order(4)
  void anOomKilledWorkerIsReportedAndTheFailurePolicyFollowed() throws IOException {
    String ns = namespace("rn-oom");
    // A demo target of its own: the shared one would still be working off this test's backlog of
    // 1 MB answers when the next test starts.
    applyDemoTarget(ns);
    create(ns, """
        apiVersion: headroom.dev/v1alpha1
        kind: LoadTest
        metadata: {name: oom}
        spec:
          target: {url: "http://demo-target:8080", http: {connections: 256}}
          requests: [{name: big, method: GET, path: /bytes/1000000}]
          load:
            # A gentle first stage, so both JVMs start and become ready within the limit; then
            # 300 MB/s of responses per worker, which its direct buffers cannot hold in 96Mi.
            stages: [{duration: 5s, rate: 2}, {duration: 1m, rate: 600}]
          workers:
            replicas: 2
            failurePolicy: Fail
            resources: {limits: {memory: 96Mi}}
        """);
    LoadTestStatus s = awaitEnd(ns, "oom", TIMEOUT).getStatus();
    String status = client.getKubernetesSerialization().asJson(s);
    assertEquals(LoadTestPhase.Failed, s.getPhase(), status);
    assertTrue(s.getMessage().contains("(OOMKilled)"), status);
    assertTrue(s.getMessage().startsWith("run 1 failed: worker ") && s.getMessage().endsWith("(workers.failurePolicy: Fail)"),
        status);
    Condition ready = s.getConditions().stream().filter(c -> c.getType().equals("WorkersReady")).findFirst().orElseThrow();
    assertEquals("False", ready.getStatus());
    assertEquals("WorkerOOMKilled", ready.getReason(), "killed mid-run, after the workers were ready: " + status);
    client.namespaces().withName(ns).delete(); // stops its busy demo target now
  }

  /**
   * The capacity example finds the demo target's stated capacity on real containers, limited by
   * an SLO metric and not put down to the generator: the workers share 2 cores with the target and
   * the control plane, so their sends run late at the rates that break the target, and the search
   * must tell that lag from the target's breach.
   */
  @Test
  @Order(2)
  void theCapacityExampleFindsTheDemoTargetsCapacity() {
    LoadTest example = PlannedLoad.read(REPO.resolve("examples/capacity.yaml"));
    kubectl("apply", "-n", "default", "-f", REPO.resolve("examples/capacity.yaml").toString());
    LoadTestStatus s = awaitEnd("default", "capacity", TIMEOUT).getStatus();
    String status = client.getKubernetesSerialization().asJson(s);
    CapacityResult c = s.getCapacity();
    assertNotNull(c, status);
    System.err.printf("real-node: capacity %s rps, breaks at %s rps on %s%n", c.maxSustainableRps(), c.breakingRps(),
        c.limitedBy());
    CapacityChecks.assertExampleFoundTheDemoTargetsCapacity(example, s, status,
        kubectl("get", "lt", "capacity", "-n", "default", "-o", "wide"));
  }

  /**
   * Two operator replicas: both pass their probes, exactly one holds the lease, and deleting the
   * leader's pod hands the lease over; a LoadTest then still completes.
   */
  @Test
  @Order(5)
  void twoOperatorReplicasHandOverTheLeaseAndARunStillCompletes() {
    helmInstall(2);
    List<Pod> operators = Await.until("2 Ready operator pods", TIMEOUT, () -> {
      List<Pod> pods = client.pods().inNamespace(OPERATOR_NS).withLabel(WORKER_LABEL, "headroom-operator").list()
          .getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
      return pods.size() == 2 && pods.stream().allMatch(RealNodeE2E::ready) ? Optional.of(pods) : Optional.empty();
    });
    Set<String> names = operators.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    String leader = Await.until("a lease held by one of " + names, TIMEOUT,
        () -> Optional.ofNullable(holder()).filter(names::contains));
    assertEquals(1, names.stream().filter(leader::equals).count());

    client.pods().inNamespace(OPERATOR_NS).withName(leader).delete();
    long t0 = System.nanoTime();
    String next = Await.until("the lease held by another operator pod than " + leader, TIMEOUT,
        () -> Optional.ofNullable(holder()).filter(h -> !h.equals(leader)));
    System.err.printf("real-node: lease handed over from %s to %s in %ds%n", leader, next, seconds(t0));
    assertTrue(names.contains(next) || client.pods().inNamespace(OPERATOR_NS).withName(next).get() != null, next);

    String ns = namespace("rn-ha");
    create(ns, """
        apiVersion: headroom.dev/v1alpha1
        kind: LoadTest
        metadata: {name: after-handover}
        spec:
          target: {url: "http://demo-target.default:8080"}
          requests: [{name: browse, method: GET, path: /products}]
          load:
            stages: [{duration: 5s, rate: 40}]
          workers:
            replicas: 1
        """);
    LoadTestStatus s = awaitEnd(ns, "after-handover", TIMEOUT).getStatus();
    assertEquals(LoadTestPhase.Succeeded, s.getPhase(), s.getMessage());
    assertEquals(200L, s.getSummary().requests(), s.getMessage());
  }

  // --- helpers ---------------------------------------------------------------------------------

  private void helmInstall(int replicas) {
    List<String> install = new ArrayList<>(List.of("upgrade", "--install", "headroom", REPO.resolve("helm/headroom").toString(),
        "--namespace", OPERATOR_NS, "--create-namespace", "--wait", "--timeout", TIMEOUT.toSeconds() + "s",
        "--set", "replicas=" + replicas));
    install.addAll(imageValues);
    tool("helm", install);
  }

  private String holder() {
    Lease lease = client.leases().inNamespace(OPERATOR_NS).withName(OperatorRuntime.LEASE).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** A fresh namespace (deleted first if a kept cluster still has it). */
  private String namespace(String name) {
    if (client.namespaces().withName(name).get() != null) {
      client.namespaces().withName(name).delete();
      Await.until("namespace " + name + " deleted", TIMEOUT,
          () -> client.namespaces().withName(name).get() == null ? Optional.of(true) : Optional.empty());
    }
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    return name;
  }

  private void create(String ns, String yaml) {
    client.resource(client.getKubernetesSerialization().unmarshal(yaml, LoadTest.class)).inNamespace(ns).create();
  }

  private LoadTest awaitEnd(String ns, String name, Duration timeout) {
    return await(ns, name, "Succeeded or Failed", lt -> phase(lt) == LoadTestPhase.Succeeded
        || phase(lt) == LoadTestPhase.Failed, timeout);
  }

  private LoadTest await(String ns, String name, String what, java.util.function.Predicate<LoadTest> done, Duration timeout) {
    return Await.until(ns + "/" + name + " " + what, timeout, () -> {
      LoadTest lt = client.resources(LoadTest.class).inNamespace(ns).withName(name).get();
      return lt != null && done.test(lt) ? Optional.of(lt) : Optional.empty();
    });
  }

  private static LoadTestPhase phase(LoadTest lt) {
    return lt == null || lt.getStatus() == null ? null : lt.getStatus().getPhase();
  }

  private List<Pod> workerPods(String ns) {
    return client.pods().inNamespace(ns).withLabel(WORKER_LABEL, "headroom-worker").list().getItems();
  }

  /** Containers containerd keeps for pods of {@code ns} (running or not), as the kubelet labelled them. */
  private List<String> containers(String ns) {
    String out = Commands.succeed(Duration.ofSeconds(30), List.of(nodeBin.resolve("ctr").toString(),
        "--address", dir.resolve("containerd/containerd.sock").toString(), "-n", "k8s.io", "containers", "ls", "-q",
        "labels.\"io.kubernetes.pod.namespace\"==" + ns));
    return out.lines().filter(l -> l.matches("[0-9a-f]{64}")).toList();
  }

  private Commands.Result exec(String ns, String pod, String... command) {
    List<String> args = new ArrayList<>(List.of(binDir.resolve("kubectl").toString(), "--kubeconfig=" + kubeconfig,
        "exec", "-n", ns, pod, "--"));
    args.addAll(List.of(command));
    return Commands.run(Duration.ofSeconds(30), args);
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
    if (!"1".equals(System.getenv("HEADROOM_REAL_NODE_KEEP"))) {
      env.put("HEADROOM_OWNER_PID", String.valueOf(ProcessHandle.current().pid()));
    }
    return env;
  }

  private String kubectl(String... args) {
    return tool("kubectl", List.of(args));
  }

  private String tool(String tool, List<String> args) {
    List<String> command = new ArrayList<>(List.of(binDir.resolve(tool).toString(), "--kubeconfig=" + kubeconfig));
    command.addAll(args);
    return Commands.succeed(TIMEOUT, command);
  }

  private static boolean available(Deployment d) {
    return d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null
        && d.getStatus().getReadyReplicas() >= 1;
  }

  private static boolean ready(Pod p) {
    List<PodCondition> conditions = p.getStatus() == null ? null : p.getStatus().getConditions();
    return conditions != null && conditions.stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  private static long seconds(long t0) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
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
