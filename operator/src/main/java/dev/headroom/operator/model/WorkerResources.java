package dev.headroom.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.SeriesPoint;
import dev.headroom.api.v1alpha1.Workers;
import dev.headroom.operator.OperatorConfig;
import dev.headroom.plan.DataSet;
import dev.headroom.plan.SecretHeader;
import dev.headroom.plan.Target;
import dev.headroom.worker.ControlServer;
import dev.headroom.worker.WireJson;
import dev.headroom.worker.WorkerPod;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Kubernetes objects of one run of a {@link LoadTest}, built from its spec alone: the plan
 * ConfigMap, the run's token Secret, the Indexed Job of workers, and the results ConfigMap. Pure
 * functions, no client calls, so every field that matters for security and scheduling is checked
 * by unit tests.
 *
 * <p>Every object is owned by the LoadTest (garbage-collected with it) and carries the labels
 * {@code app.kubernetes.io/name=headroom-worker}, {@code app.kubernetes.io/managed-by=headroom},
 * {@code app.kubernetes.io/component} (plan, token, worker, results), {@code
 * headroom.dev/loadtest=<name>} and {@code headroom.dev/run=<run>}.
 */
public final class WorkerResources {

  public static final String NAME_LABEL = "app.kubernetes.io/name";
  public static final String NAME = "headroom-worker";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "headroom";
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
  public static final String LOADTEST_LABEL = "headroom.dev/loadtest";
  public static final String RUN_LABEL = "headroom.dev/run";

  /** The selector of everything the operator creates, for its informers. */
  public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;

  /** The worker's input, read by the worker. */
  public static final String PLAN_KEY = WorkerPod.PLAN_KEY;
  /**
   * The whole spec the run was started from, read back by the operator: a spec edited mid-run
   * applies to the next run, so the thresholds and failure policy of this one must come from here.
   */
  public static final String SPEC_KEY = "spec.json";
  public static final String TOKEN_KEY = WorkerPod.TOKEN_KEY;
  /** Merged HdrHistogram interval log of a finished run. */
  public static final String INTERVAL_LOG_KEY = "intervals.hlog";
  /** The run's final status as JSON, so the results stand on their own. */
  public static final String STATUS_KEY = "status.json";
  /** A finished run's requests and errors over time, for its report. */
  public static final String SERIES_KEY = "series.json";
  /** A running run's merged state, rewritten every checkpoint interval. */
  public static final String CHECKPOINT_KEY = "checkpoint.json";

  public static final String CONTAINER = "worker";
  public static final String CONTROL_PORT_NAME = "control";
  public static final int CONTROL_PORT = ControlServer.DEFAULT_PORT;
  /** uid and gid the worker image runs as (Jib's {@code <user>}, a uid with no account, nothing of root's). */
  public static final long NON_ROOT_UID = 65532;

  /**
   * Longest LoadTest name: {@code <name>-run<run>} names the Job, and the Job's pods are named
   * {@code <job>-<index>-<random>} with hostname {@code <job>-<index>}, which must fit in 63
   * characters with room for a six-digit run and a four-digit index.
   */
  public static final int MAX_NAME_LENGTH = 48;

  private static final BigDecimal MAX_LANES = BigDecimal.valueOf(1024);

  private WorkerResources() {}

  public static String planConfigMapName(LoadTest lt, int run) {
    return jobName(lt, run) + "-plan";
  }

  public static String tokenSecretName(LoadTest lt, int run) {
    return jobName(lt, run) + "-token";
  }

  public static String jobName(LoadTest lt, int run) {
    return lt.getMetadata().getName() + "-run" + run;
  }

  public static String resultsConfigMapName(LoadTest lt, int run) {
    return resultsConfigMapName(lt.getMetadata().getName(), run);
  }

  /** The results ConfigMap of run {@code run} of the LoadTest named {@code loadTest}. */
  public static String resultsConfigMapName(String loadTest, int run) {
    return loadTest + "-run" + run + "-results";
  }

  public static String checkpointConfigMapName(LoadTest lt, int run) {
    return jobName(lt, run) + "-checkpoint";
  }

  /**
   * A running run's checkpoint ({@value #CHECKPOINT_KEY}): what the operator merged, so the
   * workers can drop it and an operator that restarts can carry on from it. Removed when the run
   * has ended and its final status is written.
   */
  public static ConfigMap checkpointConfigMap(LoadTest lt, int run, String checkpointJson) {
    return new ConfigMapBuilder()
        .withMetadata(metadata(lt, run, checkpointConfigMapName(lt, run), "checkpoint"))
        .withData(Map.of(CHECKPOINT_KEY, checkpointJson))
        .build();
  }

  /** The plan the workers run ({@value #PLAN_KEY}) and the spec it came from ({@value #SPEC_KEY}). */
  public static ConfigMap planConfigMap(LoadTest lt, int run) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(PLAN_KEY, json(lt.getSpec().plan()));
    data.put(SPEC_KEY, json(lt.getSpec()));
    return new ConfigMapBuilder()
        .withMetadata(metadata(lt, run, planConfigMapName(lt, run), "plan"))
        .withImmutable(true)
        .withData(data)
        .build();
  }

  /** The run's control token: only who holds it can start, steer or read the workers. */
  public static Secret tokenSecret(LoadTest lt, int run, String token) {
    return new SecretBuilder()
        .withMetadata(metadata(lt, run, tokenSecretName(lt, run), "token"))
        .withType("Opaque")
        .withImmutable(true)
        .withData(Map.of(TOKEN_KEY, base64(token)))
        .build();
  }

  /**
   * {@code spec.workers.replicas} workers as an Indexed Job: each pod gets its index from the Job
   * controller ({@code JOB_COMPLETION_INDEX}) and its share of the load from it. No retries, per
   * index ({@code backoffLimitPerIndex: 0}): a worker that dies is lost and the failure policy
   * decides. A Job-wide {@code backoffLimit: 0} would not do: the first failed pod fails the Job,
   * and the Job controller then kills every other worker, so {@code Continue} could never continue.
   */
  public static Job workerJob(LoadTest lt, int run, OperatorConfig config) {
    LoadTestSpec spec = lt.getSpec();
    Workers workers = spec.workers();
    int replicas = spec.replicas();
    ObjectMeta podMeta = new ObjectMetaBuilder().withLabels(labels(lt, run, "worker")).build();
    return new JobBuilder()
        .withMetadata(metadata(lt, run, jobName(lt, run), "worker"))
        .withNewSpec()
        .withCompletionMode("Indexed")
        .withCompletions(replicas)
        .withParallelism(replicas)
        .withBackoffLimitPerIndex(0)
        .withNewTemplate()
        .withMetadata(podMeta)
        .withNewSpec()
        .withRestartPolicy("Never")
        .withTerminationGracePeriodSeconds(5L)
        .withAutomountServiceAccountToken(false)
        // Service links would put every Service of the namespace into the worker's environment.
        .withEnableServiceLinks(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(NON_ROOT_UID)
        .withRunAsGroup(NON_ROOT_UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withContainers(container(lt, run, config))
        .withVolumes(volumes(lt, run))
        .withNodeSelector(workers == null ? null : workers.nodeSelector())
        .withTolerations(workers == null ? null : workers.tolerations())
        .withAffinity(workers == null ? null : workers.affinity())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * A finished run's merged latencies as an HdrHistogram interval log ({@value #INTERVAL_LOG_KEY}),
   * its requests and errors over time ({@value #SERIES_KEY}) and its final status ({@value
   * #STATUS_KEY}): what its report is drawn from. Kept after the workers are removed.
   */
  public static ConfigMap resultsConfigMap(LoadTest lt, int run, LoadTestSpec spec, String intervalLog,
      List<SeriesPoint> series, LoadTestStatus status) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(INTERVAL_LOG_KEY, intervalLog);
    data.put(SERIES_KEY, json(series));
    // The run's own spec: its report marks its stages and SLO even after the LoadTest is edited.
    data.put(SPEC_KEY, json(spec));
    data.put(STATUS_KEY, json(status));
    return new ConfigMapBuilder()
        .withMetadata(metadata(lt, run, resultsConfigMapName(lt, run), "results"))
        .withImmutable(true)
        .withData(data)
        .build();
  }

  /**
   * The spec a run was started from, as {@link #planConfigMap} stored it.
   *
   * @throws IllegalArgumentException when the ConfigMap does not hold one
   */
  public static LoadTestSpec specOf(ConfigMap plan) {
    return read(plan, SPEC_KEY, LoadTestSpec.class);
  }

  /**
   * The final status {@link #resultsConfigMap} stored.
   *
   * @throws IllegalArgumentException when the ConfigMap does not hold one
   */
  public static LoadTestStatus statusOf(ConfigMap results) {
    return read(results, STATUS_KEY, LoadTestStatus.class);
  }

  /**
   * The merged interval log {@link #resultsConfigMap} stored.
   *
   * @throws IllegalArgumentException when the ConfigMap does not hold one
   */
  public static String intervalLogOf(ConfigMap results) {
    return entry(results, INTERVAL_LOG_KEY);
  }

  /** True for a ConfigMap the operator wrote as a run's results, not one that only has the name. */
  public static boolean isResults(ConfigMap configMap) {
    Map<String, String> labels = configMap.getMetadata().getLabels();
    return labels != null && MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL)) && "results".equals(labels.get(COMPONENT_LABEL));
  }

  /** The spec {@link #resultsConfigMap} stored; null for results written before it was. */
  public static LoadTestSpec runSpecOf(ConfigMap results) {
    return results.getData() == null || !results.getData().containsKey(SPEC_KEY) ? null : specOf(results);
  }

  /** The series {@link #resultsConfigMap} stored; empty for results written before it was. */
  public static List<SeriesPoint> seriesOf(ConfigMap results) {
    if (results.getData() == null || !results.getData().containsKey(SERIES_KEY)) {
      return List.of();
    }
    return List.of(read(results, SERIES_KEY, SeriesPoint[].class));
  }

  private static <T> T read(ConfigMap configMap, String key, Class<T> type) {
    try {
      return WireJson.MAPPER.readValue(entry(configMap, key), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("ConfigMap " + configMap.getMetadata().getName() + " holds an unreadable "
          + key + ": " + e.getOriginalMessage());
    }
  }

  private static String entry(ConfigMap configMap, String key) {
    String value = configMap.getData() == null ? null : configMap.getData().get(key);
    if (value == null) {
      throw new IllegalArgumentException("ConfigMap " + configMap.getMetadata().getName() + " has no " + key);
    }
    return value;
  }

  /**
   * The token {@link #tokenSecret} stored.
   *
   * @throws IllegalArgumentException when the Secret does not hold one
   */
  public static String tokenOf(Secret secret) {
    String data = secret.getData() == null ? null : secret.getData().get(TOKEN_KEY);
    if (data == null) {
      throw new IllegalArgumentException("Secret " + secret.getMetadata().getName() + " has no " + TOKEN_KEY);
    }
    return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
  }

  /** The labels of every object of this run; {@code component} says which part it is. */
  public static Map<String, String> labels(LoadTest lt, int run, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME_LABEL, NAME);
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    labels.put(COMPONENT_LABEL, component);
    labels.put(LOADTEST_LABEL, lt.getMetadata().getName());
    labels.put(RUN_LABEL, Integer.toString(run));
    return labels;
  }

  /** The worker image: the spec's, or the operator's default. */
  public static String image(LoadTestSpec spec, OperatorConfig config) {
    Workers workers = spec.workers();
    return workers != null && workers.image() != null && !workers.image().isBlank()
        ? workers.image()
        : config.workerImage();
  }

  private static ObjectMeta metadata(LoadTest lt, int run, String name, String component) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(lt.getMetadata().getNamespace())
        .withLabels(labels(lt, run, component))
        .withOwnerReferences(owner(lt))
        .build();
  }

  private static OwnerReference owner(LoadTest lt) {
    return new OwnerReferenceBuilder()
        .withApiVersion(lt.getApiVersion())
        .withKind(lt.getKind())
        .withName(lt.getMetadata().getName())
        .withUid(lt.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static Container container(LoadTest lt, int run, OperatorConfig config) {
    LoadTestSpec spec = lt.getSpec();
    ResourceRequirements resources = spec.workers() == null ? null : spec.workers().resources();
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(image(spec, config))
        .withEnv(env(spec, resources))
        .addNewPort()
        .withName(CONTROL_PORT_NAME)
        .withContainerPort(CONTROL_PORT)
        .withProtocol("TCP")
        .endPort()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/ready")
        .withPort(new IntOrString(CONTROL_PORT))
        .endHttpGet()
        .withPeriodSeconds(1)
        .endReadinessProbe()
        .withResources(resources)
        // A worker that exits on a bad plan says why in its last lines; this puts them in the
        // pod's status, where the operator reads the reason of a failed run.
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withNewSecurityContext()
        .withReadOnlyRootFilesystem(true)
        .withAllowPrivilegeEscalation(false)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withVolumeMounts(mounts(spec))
        .build();
  }

  private static List<EnvVar> env(LoadTestSpec spec, ResourceRequirements resources) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar(WorkerPod.WORKERS_ENV, Integer.toString(spec.replicas()), null));
    env.add(new EnvVar(WorkerPod.PLAN_ENV, WorkerPod.planFile(), null));
    env.add(new EnvVar(WorkerPod.TOKEN_FILE_ENV, WorkerPod.tokenFile(), null));
    env.add(new EnvVar(WorkerPod.SECRETS_DIR_ENV, WorkerPod.SECRETS_DIR, null));
    env.add(new EnvVarBuilder()
        .withName(WorkerPod.BIND_ENV)
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("status.podIP")
        .endFieldRef()
        .endValueFrom()
        .build());
    lanes(resources).ifPresent(lanes -> env.add(new EnvVar(WorkerPod.LANES_ENV, Integer.toString(lanes), null)));
    return env;
  }

  /**
   * One event loop per requested core, rounded up. Kubernetes takes a limit as the request when
   * only the limit is set, and so does this.
   */
  static Optional<Integer> lanes(ResourceRequirements resources) {
    if (resources == null) {
      return Optional.empty();
    }
    Quantity cpu = resources.getRequests() == null ? null : resources.getRequests().get("cpu");
    if (cpu == null && resources.getLimits() != null) {
      cpu = resources.getLimits().get("cpu");
    }
    if (cpu == null) {
      return Optional.empty();
    }
    BigDecimal cores = Quantity.getAmountInBytes(cpu).setScale(0, RoundingMode.CEILING);
    return Optional.of(cores.max(BigDecimal.ONE).min(MAX_LANES).intValue());
  }

  private static List<VolumeMount> mounts(LoadTestSpec spec) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount("tmp", "/tmp", false));
    mounts.add(mount("plan", WorkerPod.PLAN_DIR, true));
    mounts.add(mount("token", WorkerPod.TOKEN_DIR, true));
    List<String> secrets = new ArrayList<>(secretKeys(spec.target()).keySet());
    for (int i = 0; i < secrets.size(); i++) {
      mounts.add(mount(secretVolume(i), WorkerPod.SECRETS_DIR + "/" + secrets.get(i), true));
    }
    List<DataSet> data = dataSets(spec);
    for (int i = 0; i < data.size(); i++) {
      mounts.add(mount(dataVolume(i), WorkerPod.dataMount(data.get(i).name()), true));
    }
    return mounts;
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly).build();
  }

  private static List<Volume> volumes(LoadTest lt, int run) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    volumes.add(new VolumeBuilder().withName("plan")
        .withNewConfigMap().withName(planConfigMapName(lt, run)).endConfigMap().build());
    volumes.add(new VolumeBuilder().withName("token")
        .withNewSecret().withSecretName(tokenSecretName(lt, run))
        .withItems(new KeyToPath(TOKEN_KEY, null, TOKEN_KEY)).endSecret().build());
    int i = 0;
    for (Map.Entry<String, Set<String>> secret : secretKeys(lt.getSpec().target()).entrySet()) {
      List<KeyToPath> items = secret.getValue().stream().map(key -> new KeyToPath(key, null, key)).toList();
      volumes.add(new VolumeBuilder().withName(secretVolume(i++))
          .withNewSecret().withSecretName(secret.getKey()).withItems(items).endSecret().build());
    }
    List<DataSet> data = dataSets(lt.getSpec());
    for (int d = 0; d < data.size(); d++) {
      DataSet set = data.get(d);
      VolumeBuilder volume = new VolumeBuilder().withName(dataVolume(d));
      if (set.secret()) {
        KeyToPath item = new KeyToPath(set.secretKeyRef().key(), null, set.secretKeyRef().key());
        volume.withNewSecret().withSecretName(set.secretKeyRef().name()).withItems(item).endSecret();
      } else {
        KeyToPath item = new KeyToPath(set.configMapKeyRef().key(), null, set.configMapKeyRef().key());
        volume.withNewConfigMap().withName(set.configMapKeyRef().name()).withItems(item).endConfigMap();
      }
      volumes.add(volume.build());
    }
    return volumes;
  }

  private static List<DataSet> dataSets(LoadTestSpec spec) {
    return spec.data() == null ? List.of() : spec.data();
  }

  private static String dataVolume(int i) {
    return "data-" + i;
  }

  /** Volume names are short labels; Secret names can be far longer, so volumes are numbered. */
  private static String secretVolume(int i) {
    return "secret-" + i;
  }

  /** Each Secret named in {@code target.secretHeaders}, in order of first use, with its keys. */
  static Map<String, Set<String>> secretKeys(Target target) {
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    if (target == null || target.secretHeaders() == null) {
      return keys;
    }
    for (SecretHeader header : target.secretHeaders()) {
      SecretHeader.SecretKeyRef ref = header.secretKeyRef();
      keys.computeIfAbsent(ref.name(), n -> new LinkedHashSet<>()).add(ref.key());
    }
    return keys;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String json(Object value) {
    try {
      return WireJson.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
