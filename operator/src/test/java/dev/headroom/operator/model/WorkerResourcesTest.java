package dev.headroom.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.Summary;
import dev.headroom.operator.LoadTests;
import dev.headroom.operator.OperatorConfig;
import dev.headroom.plan.Plan;
import dev.headroom.worker.WireJson;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The objects of a run, field by field: names, ownership, labels, security, scheduling, inputs. */
class WorkerResourcesTest {

  static final OperatorConfig CONFIG = OperatorConfig.fromEnv(Map.of("HEADROOM_WORKER_IMAGE", "registry/headroom-worker:1.2"));

  /** Every option a worker pod takes from the spec. */
  static LoadTest checkout() {
    return LoadTests.named("checkout", """
        target:
          url: http://checkout.shop.svc:8080/api
          headers: {Accept: application/json}
          secretHeaders:
            - {name: Authorization, secretKeyRef: {name: checkout-token, key: value}}
            - {name: X-Tenant, secretKeyRef: {name: tenant, key: id}}
            - {name: X-Api-Key, secretKeyRef: {name: checkout-token, key: api-key}}
          timeout: 2s
          http: {version: HTTP_2, connections: 8}
        requests:
          - {name: browse, method: GET, path: /products, weight: 9, expectStatus: [200]}
          - {name: order, method: POST, path: /orders, body: '{"sku":"A-1"}', weight: 1}
        load:
          warmup: 10s
          stages:
            - {duration: 30s, rate: 100, rampTo: 1000}
            - {duration: 2m, rate: 1000}
        workers:
          replicas: 4
          resources: {requests: {cpu: 1500m, memory: 512Mi}, limits: {memory: 1Gi}}
          nodeSelector: {pool: load}
          tolerations: [{key: dedicated, operator: Equal, value: load, effect: NoSchedule}]
          affinity:
            podAntiAffinity:
              preferredDuringSchedulingIgnoredDuringExecution:
                - weight: 100
                  podAffinityTerm:
                    topologyKey: kubernetes.io/hostname
                    labelSelector: {matchLabels: {app.kubernetes.io/name: headroom-worker}}
          failurePolicy: Fail
        thresholds: [{metric: p99, max: 500ms}]
        ttlSecondsAfterFinished: 600
        """);
  }

  static LoadTest minimal() {
    return LoadTests.named("tiny", """
        target: {url: http://demo.svc}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 10s, rate: 5}]}
        """);
  }

  @Test
  void namesAreDerivedFromTheLoadTestAndTheRun() {
    LoadTest lt = checkout();
    assertEquals("checkout-run3", WorkerResources.jobName(lt, 3));
    assertEquals("checkout-run3-plan", WorkerResources.planConfigMapName(lt, 3));
    assertEquals("checkout-run3-token", WorkerResources.tokenSecretName(lt, 3));
    assertEquals("checkout-run3-results", WorkerResources.resultsConfigMapName(lt, 3));
  }

  @Test
  void everyObjectIsOwnedByTheLoadTestAndLabelledWithItsRun() {
    LoadTest lt = checkout();
    Job job = WorkerResources.workerJob(lt, 2, CONFIG);
    List<HasMetadata> objects = List.of(
        WorkerResources.planConfigMap(lt, 2),
        WorkerResources.tokenSecret(lt, 2, "t"),
        job,
        WorkerResources.resultsConfigMap(lt, 2, lt.getSpec(), "log", List.of(), new LoadTestStatus()));
    for (HasMetadata o : objects) {
      String what = o.getKind() + " " + o.getMetadata().getName();
      assertEquals("ns", o.getMetadata().getNamespace(), what);
      OwnerReference owner = o.getMetadata().getOwnerReferences().get(0);
      assertEquals(1, o.getMetadata().getOwnerReferences().size(), what);
      assertEquals("headroom.dev/v1alpha1", owner.getApiVersion(), what);
      assertEquals("LoadTest", owner.getKind(), what);
      assertEquals("checkout", owner.getName(), what);
      assertEquals(lt.getMetadata().getUid(), owner.getUid(), what);
      assertTrue(owner.getController(), what);
      assertTrue(owner.getBlockOwnerDeletion(), what);
      Map<String, String> labels = o.getMetadata().getLabels();
      assertEquals("headroom-worker", labels.get("app.kubernetes.io/name"), what);
      assertEquals("headroom", labels.get("app.kubernetes.io/managed-by"), what);
      assertEquals("checkout", labels.get("headroom.dev/loadtest"), what);
      assertEquals("2", labels.get("headroom.dev/run"), what);
    }
    assertEquals(List.of("plan", "token", "worker", "results"),
        objects.stream().map(o -> o.getMetadata().getLabels().get("app.kubernetes.io/component")).toList());
    Map<String, String> podLabels = job.getSpec().getTemplate().getMetadata().getLabels();
    assertEquals("checkout", podLabels.get("headroom.dev/loadtest"));
    assertEquals("2", podLabels.get("headroom.dev/run"));
    assertEquals("headroom", podLabels.get("app.kubernetes.io/managed-by"));
  }

  @Test
  void thePlanInTheConfigMapIsTheSpecsPlanAndTheSpecComesBackWhole() throws Exception {
    LoadTest lt = checkout();
    ConfigMap plan = WorkerResources.planConfigMap(lt, 1);
    assertTrue(plan.getImmutable());
    Plan read = WireJson.MAPPER.readValue(plan.getData().get("plan.json"), Plan.class);
    assertEquals(lt.getSpec().plan(), read);
    assertEquals(lt.getSpec(), WorkerResources.specOf(plan));
    assertFalse(plan.getData().get("plan.json").contains("thresholds"), "the worker gets its plan only");
  }

  @Test
  void theTokenSecretHoldsTheTokenAndNothingElse() {
    Secret secret = WorkerResources.tokenSecret(checkout(), 1, "s3cret");
    assertEquals("Opaque", secret.getType());
    assertTrue(secret.getImmutable());
    assertEquals(Map.of("token", "czNjcmV0"), secret.getData());
    assertEquals("s3cret", WorkerResources.tokenOf(secret));
    assertNotEquals(RunToken.generate(), RunToken.generate());
    assertEquals(32, RunToken.generate().length(), "192 bits, base64url");
  }

  @Test
  void theJobIsIndexedWithOnePodPerWorkerAndNoRetriesPerIndex() {
    Job job = WorkerResources.workerJob(checkout(), 1, CONFIG);
    assertEquals("checkout-run1", job.getMetadata().getName());
    assertEquals("Indexed", job.getSpec().getCompletionMode());
    assertEquals(4, job.getSpec().getCompletions());
    assertEquals(4, job.getSpec().getParallelism());
    assertEquals(0, job.getSpec().getBackoffLimitPerIndex(), "a lost worker is not replaced");
    assertNull(job.getSpec().getBackoffLimit(), "nor does it fail the Job, which would kill the other workers");
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertEquals("Never", pod.getRestartPolicy());
    assertEquals(5L, pod.getTerminationGracePeriodSeconds());
  }

  @Test
  void workersRunWithoutPrivilegesOrAnApiToken() {
    PodSpec pod = WorkerResources.workerJob(checkout(), 1, CONFIG).getSpec().getTemplate().getSpec();
    assertFalse(pod.getAutomountServiceAccountToken());
    assertFalse(pod.getEnableServiceLinks());
    assertTrue(pod.getSecurityContext().getRunAsNonRoot());
    assertEquals(65532L, pod.getSecurityContext().getRunAsUser());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    Container c = pod.getContainers().get(0);
    assertEquals(1, pod.getContainers().size());
    assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
    assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
    assertTrue(c.getSecurityContext().getCapabilities().getAdd().isEmpty());
    assertEquals("FallbackToLogsOnError", c.getTerminationMessagePolicy());
  }

  @Test
  void theControlPortIsDeclaredAndReadinessIsItsReadyCall() {
    Container c = container(checkout());
    assertEquals(1, c.getPorts().size());
    assertEquals("control", c.getPorts().get(0).getName());
    assertEquals(8089, c.getPorts().get(0).getContainerPort());
    assertEquals("/ready", c.getReadinessProbe().getHttpGet().getPath());
    assertEquals(8089, c.getReadinessProbe().getHttpGet().getPort().getIntVal());
    assertEquals(1, c.getReadinessProbe().getPeriodSeconds());
  }

  @Test
  void theEnvironmentTellsTheWorkerWhereEverythingIs() {
    Map<String, EnvVar> env = container(checkout()).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> e));
    assertEquals("4", env.get("HEADROOM_WORKERS").getValue());
    assertEquals("/etc/headroom/plan/plan.json", env.get("HEADROOM_PLAN").getValue());
    assertEquals("/etc/headroom/token/token", env.get("HEADROOM_TOKEN_FILE").getValue());
    assertEquals("/etc/headroom/secrets", env.get("HEADROOM_SECRETS_DIR").getValue());
    assertEquals("status.podIP", env.get("HEADROOM_BIND").getValueFrom().getFieldRef().getFieldPath());
    assertEquals("2", env.get("HEADROOM_LANES").getValue(), "1500m rounds up to 2 cores");
    assertFalse(env.containsKey("JOB_COMPLETION_INDEX"), "the Job controller sets the index");
    assertEquals(6, env.size());
    assertFalse(container(minimal()).getEnv().stream().anyMatch(e -> e.getName().equals("HEADROOM_LANES")),
        "no cpu request: the worker uses the cores it sees");
  }

  @Test
  void lanesFollowTheCpuRequestOrElseTheLimit() {
    assertEquals(Optional.of(1), WorkerResources.lanes(cpu("250m", null)));
    assertEquals(Optional.of(1), WorkerResources.lanes(cpu("1", null)));
    assertEquals(Optional.of(3), WorkerResources.lanes(cpu("2001m", null)));
    assertEquals(Optional.of(4), WorkerResources.lanes(cpu(null, "4")));
    assertEquals(Optional.of(2), WorkerResources.lanes(cpu("2", "4")));
    assertEquals(Optional.empty(), WorkerResources.lanes(cpu(null, null)));
    assertEquals(Optional.empty(), WorkerResources.lanes(null));
  }

  @Test
  void planTokenTmpAndEachSecretOfTheHeadersAreMounted() {
    LoadTest lt = checkout();
    PodSpec pod = WorkerResources.workerJob(lt, 7, CONFIG).getSpec().getTemplate().getSpec();
    Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
    Map<String, VolumeMount> mounts = pod.getContainers().get(0).getVolumeMounts().stream()
        .collect(Collectors.toMap(VolumeMount::getMountPath, m -> m));

    assertEquals(5, volumes.size(), "tmp, plan, token and two Secrets: " + volumes.keySet());
    assertEquals(volumes.size(), mounts.size());
    assertTrue(mounts.values().stream().allMatch(m -> volumes.containsKey(m.getName())));
    assertFalse(mounts.get("/tmp").getReadOnly());
    assertTrue(volumes.get(mounts.get("/tmp").getName()).getEmptyDir() != null);

    Volume plan = volumes.get(mounts.get("/etc/headroom/plan").getName());
    assertEquals("checkout-run7-plan", plan.getConfigMap().getName());
    Volume token = volumes.get(mounts.get("/etc/headroom/token").getName());
    assertEquals("checkout-run7-token", token.getSecret().getSecretName());
    assertEquals(List.of(new KeyToPath("token", null, "token")), token.getSecret().getItems());

    Volume checkoutToken = volumes.get(mounts.get("/etc/headroom/secrets/checkout-token").getName());
    assertEquals("checkout-token", checkoutToken.getSecret().getSecretName());
    assertEquals(List.of(new KeyToPath("value", null, "value"), new KeyToPath("api-key", null, "api-key")),
        checkoutToken.getSecret().getItems(), "each key the headers use, at <secret>/<key>");
    Volume tenant = volumes.get(mounts.get("/etc/headroom/secrets/tenant").getName());
    assertEquals(List.of(new KeyToPath("id", null, "id")), tenant.getSecret().getItems());
    mounts.forEach((path, m) -> assertEquals(!path.equals("/tmp"), m.getReadOnly(), path));
  }

  @Test
  void eachDataSetIsMountedReadOnlyWithOnlyItsKeyWhereTheWorkerReadsIt() {
    LoadTest lt = LoadTests.named("shop", """
        target: {url: http://shop.svc}
        data:
          - {name: users, configMapKeyRef: {name: shop-users, key: users.csv}}
          - {name: cards, secretKeyRef: {name: shop-cards, key: cards.csv}, order: Random}
        scenarios:
          - name: buy
            steps: [{request: {name: login, method: POST, path: /login, body: '${users.name} ${cards.card}'}}]
        load: {stages: [{duration: 10s, rate: 5}]}
        """);
    PodSpec pod = WorkerResources.workerJob(lt, 1, CONFIG).getSpec().getTemplate().getSpec();
    Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
    Map<String, VolumeMount> mounts = pod.getContainers().get(0).getVolumeMounts().stream()
        .collect(Collectors.toMap(VolumeMount::getMountPath, m -> m));

    VolumeMount users = mounts.get("/etc/headroom/data/users");
    assertTrue(users.getReadOnly());
    assertEquals("shop-users", volumes.get(users.getName()).getConfigMap().getName());
    assertEquals(List.of(new KeyToPath("users.csv", null, "users.csv")), volumes.get(users.getName()).getConfigMap()
        .getItems());
    VolumeMount cards = mounts.get("/etc/headroom/data/cards");
    assertTrue(cards.getReadOnly());
    assertEquals("shop-cards", volumes.get(cards.getName()).getSecret().getSecretName());
    assertEquals(List.of(new KeyToPath("cards.csv", null, "cards.csv")), volumes.get(cards.getName()).getSecret()
        .getItems());
    assertEquals(5, volumes.size(), "tmp, plan, token and the two data sets: " + volumes.keySet());
  }

  @Test
  void imageResourcesAndSchedulingComeFromTheSpec() {
    LoadTest lt = checkout();
    PodSpec pod = WorkerResources.workerJob(lt, 1, CONFIG).getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    assertEquals("registry/headroom-worker:1.2", c.getImage(), "the operator's default");
    assertEquals(lt.getSpec().workers().resources(), c.getResources());
    assertEquals(Map.of("pool", "load"), pod.getNodeSelector());
    assertEquals(lt.getSpec().workers().tolerations(), pod.getTolerations());
    assertEquals(lt.getSpec().workers().affinity(), pod.getAffinity());
    assertEquals("kubernetes.io/hostname", pod.getAffinity().getPodAntiAffinity()
        .getPreferredDuringSchedulingIgnoredDuringExecution().get(0).getPodAffinityTerm().getTopologyKey());

    LoadTest own = LoadTests.named("own", """
        target: {url: http://demo.svc}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 10s, rate: 5}]}
        workers: {image: mine/worker:dev}
        """);
    assertEquals("mine/worker:dev", container(own).getImage());
    PodSpec bare = WorkerResources.workerJob(minimal(), 1, CONFIG).getSpec().getTemplate().getSpec();
    assertEquals(1, WorkerResources.workerJob(minimal(), 1, CONFIG).getSpec().getCompletions());
    assertTrue(bare.getNodeSelector() == null || bare.getNodeSelector().isEmpty());
    assertTrue(bare.getTolerations() == null || bare.getTolerations().isEmpty());
    assertNull(bare.getAffinity());
    assertEquals(3, bare.getVolumes().size(), "no secret headers, no secret volumes");
  }

  @Test
  void theResultsConfigMapHoldsTheIntervalLogAndTheFinalStatus() throws Exception {
    LoadTestStatus status = new LoadTestStatus();
    status.setPhase(LoadTestPhase.Succeeded);
    status.setSummary(new Summary(100L, 1L, "1%", 10.0, 10.0, null, Map.of("timeout", 1L)));
    ConfigMap results = WorkerResources.resultsConfigMap(checkout(), 2, checkout().getSpec(), "#[StartTime: 0]\n",
        List.of(), status);
    assertEquals("checkout-run2-results", results.getMetadata().getName());
    assertTrue(results.getImmutable());
    assertEquals("#[StartTime: 0]\n", results.getData().get("intervals.hlog"));
    assertEquals(status, WireJson.MAPPER.readValue(results.getData().get("status.json"), LoadTestStatus.class));
  }

  @Test
  void unreadableRunInputsAreNamed() {
    ConfigMap empty = WorkerResources.planConfigMap(checkout(), 1);
    empty.setData(Map.of("plan.json", "{}"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerResources.specOf(empty));
    assertEquals("ConfigMap checkout-run1-plan has no spec.json", e.getMessage());
    Secret secret = WorkerResources.tokenSecret(checkout(), 1, "t");
    secret.setData(Map.of());
    assertThrows(IllegalArgumentException.class, () -> WorkerResources.tokenOf(secret));
  }

  private static Container container(LoadTest lt) {
    return WorkerResources.workerJob(lt, 1, CONFIG).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static ResourceRequirements cpu(String request, String limit) {
    ResourceRequirementsBuilder b = new ResourceRequirementsBuilder();
    if (request != null) {
      b.addToRequests("cpu", new Quantity(request));
    }
    if (limit != null) {
      b.addToLimits("cpu", new Quantity(limit));
    }
    return b.build();
  }
}
