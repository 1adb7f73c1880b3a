package dev.headroom.e2e.operator;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.e2e.Cluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * LoadTests in the namespace the operator watches, and what the operator made for them: applying
 * them, awaiting their status with a deadline, and finding their Jobs, pods, ConfigMaps and Secrets
 * by the label the operator puts on each ({@code headroom.dev/loadtest}).
 * A wait that times out fails with the LoadTest's last status, its Events and the operator's log.
 */
final class LoadTests {

  /** Long enough for the longest example (about 25 s of load) on a busy 2-core machine. */
  public static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
  static final String LOADTEST_LABEL = "headroom.dev/loadtest";
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  private static final Set<LoadTestPhase> ENDED = Set.of(LoadTestPhase.Succeeded, LoadTestPhase.Failed,
      LoadTestPhase.Cancelled);
  private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(60);

  private final Cluster cluster;
  private final HeadroomInstall headroom;

  LoadTests(Cluster cluster, HeadroomInstall headroom) {
    this.cluster = cluster;
    this.headroom = headroom;
  }

  private KubernetesClient client() {
    return cluster.client();
  }

  private String ns() {
    return headroom.namespace();
  }

  private MixedOperation<LoadTest, KubernetesResourceList<LoadTest>, Resource<LoadTest>> all() {
    return client().resources(LoadTest.class);
  }

  public Resource<LoadTest> named(String name) {
    return all().inNamespace(ns()).withName(name);
  }

  /** {@code kubectl apply -f examples/<file>}, as a user would. */
  public void applyExample(String file) {
    headroom.demoTargetUp();
    headroom.kubectl("apply", "-n", ns(), "-f", HeadroomInstall.repo().resolve("examples").resolve(file).toString());
  }

  /** Creates the objects of a YAML manifest in the namespace, once the demo target they aim at is up. */
  public void create(String yaml) {
    headroom.demoTargetUp();
    client().resource(yaml).inNamespace(ns()).create();
  }

  /** {@code kubectl apply} of a YAML manifest, as a GitOps tool syncs it. */
  public void apply(String yaml) {
    headroom.demoTargetUp();
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("loadtest-", ".yaml");
      try {
        java.nio.file.Files.writeString(file, yaml);
        headroom.kubectl("apply", "-n", ns(), "-f", file.toString());
      } finally {
        java.nio.file.Files.deleteIfExists(file);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A JSON merge patch of a LoadTest, e.g. {@code {"spec": {...}}}. */
  public void patch(String name, String json) {
    named(name).patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  /**
   * The LoadTest once run {@code run} (0: the spec check before any run) has ended, whichever way.
   * A LoadTest whose spec was refused keeps run 0 (no run was made).
   */
  public LoadTest awaitEnd(String name, int run) {
    return await(name, "run " + run + " to end",
        lt -> run(lt) >= run && phase(lt) != null && ENDED.contains(phase(lt)), RUN_TIMEOUT);
  }

  /** The LoadTest once its current run is in {@code phase}. */
  public LoadTest awaitPhase(String name, LoadTestPhase phase) {
    return await(name, "phase " + phase, lt -> phase(lt) == phase, RUN_TIMEOUT);
  }

  /** The LoadTest once {@code condition} holds; fails with its last status, Events and the operator log. */
  public LoadTest await(String name, String what, Predicate<LoadTest> condition, Duration timeout) {
    try {
      return named(name).waitUntilCondition(lt -> lt != null && condition.test(lt), timeout.toSeconds(),
          TimeUnit.SECONDS);
    } catch (KubernetesClientTimeoutException e) {
      throw new AssertionError("LoadTest " + ns() + "/" + name + ": no " + what + " within " + timeout.toSeconds() + "s\n"
          + describe(name), e);
    }
  }

  /** What a person would look at: the status, the LoadTest's Events and the operator's last log lines. */
  public String describe(String name) {
    LoadTest lt = named(name).get();
    String status = lt == null ? "(LoadTest gone)" : client().getKubernetesSerialization().asJson(lt.getStatus());
    return "status: " + status + "\nevents:\n" + String.join("\n", events(name)) + "\noperator log:\n"
        + headroom.operatorLog();
  }

  /** The LoadTest's Events, oldest first, as {@code type reason: message}. */
  public List<String> events(String name) {
    return client().v1().events().inNamespace(ns()).withField("involvedObject.name", name).list().getItems().stream()
        .filter(e -> "LoadTest".equals(e.getInvolvedObject().getKind()))
        .sorted(Comparator.comparing(LoadTests::time))
        .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage())
        .toList();
  }

  private static String time(Event e) {
    if (e.getLastTimestamp() != null) {
      return e.getLastTimestamp();
    }
    return e.getEventTime() == null || e.getEventTime().getTime() == null ? "" : e.getEventTime().getTime();
  }

  /** The worker pods of every run of a LoadTest. */
  public List<Pod> pods(String name) {
    return client().pods().inNamespace(ns()).withLabel(LOADTEST_LABEL, name).list().getItems();
  }

  /** The run's Job once the Job controller has marked it Complete (every worker exited 0). */
  public Job awaitJobComplete(String jobName) {
    try {
      return client().batch().v1().jobs().inNamespace(ns()).withName(jobName).waitUntilCondition(
          j -> j != null && j.getStatus() != null && j.getStatus().getConditions() != null
              && j.getStatus().getConditions().stream()
                  .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus())),
          RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (KubernetesClientTimeoutException e) {
      Job job = client().batch().v1().jobs().inNamespace(ns()).withName(jobName).get();
      throw new AssertionError("Job " + jobName + " not Complete: " + (job == null ? "gone"
          : client().getKubernetesSerialization().asJson(job.getStatus())), e);
    }
  }

  public Optional<ConfigMap> configMap(String configMapName) {
    return Optional.ofNullable(client().configMaps().inNamespace(ns()).withName(configMapName).get());
  }

  /**
   * Every Job, pod, ConfigMap and Secret made for the LoadTest, as {@code Kind/name}: labelled for it,
   * or named after one of its runs ({@code <name>-run<N>...}).
   */
  public List<String> objectsFor(String name) {
    String ns = ns();
    return Stream.of(
            client().batch().v1().jobs().inNamespace(ns).list().getItems().stream(),
            client().pods().inNamespace(ns).list().getItems().stream(),
            client().configMaps().inNamespace(ns).list().getItems().stream(),
            client().secrets().inNamespace(ns).list().getItems().stream())
        .flatMap(s -> s.map(o -> (HasMetadata) o))
        .filter(o -> o.getMetadata().getName().startsWith(name + "-run")
            || name.equals(o.getMetadata().getLabels() == null ? null : o.getMetadata().getLabels().get(LOADTEST_LABEL)))
        .map(o -> o.getKind() + "/" + o.getMetadata().getName())
        .toList();
  }

  /** Waits until no Job, pod, ConfigMap or Secret labelled for the LoadTest is left. */
  public void awaitNoObjects(String name, Duration timeout) {
    awaitObjects(name, List.of(), timeout);
  }

  /**
   * Waits until the Jobs, pods, ConfigMaps and Secrets labelled for the LoadTest are exactly
   * {@code expected} ({@code Kind/name}).
   */
  public void awaitObjects(String name, List<String> expected, Duration timeout) {
    String ns = ns();
    awaitKind("Job", client().batch().v1().jobs().inNamespace(ns).withLabel(LOADTEST_LABEL, name), expected, timeout);
    awaitKind("Pod", client().pods().inNamespace(ns).withLabel(LOADTEST_LABEL, name), expected, timeout);
    awaitKind("ConfigMap", client().configMaps().inNamespace(ns).withLabel(LOADTEST_LABEL, name), expected, timeout);
    awaitKind("Secret", client().secrets().inNamespace(ns).withLabel(LOADTEST_LABEL, name), expected, timeout);
  }

  /** Waits until no pod of the LoadTest is left. */
  public void awaitNoPods(String name, Duration timeout) {
    awaitKind("Pod", client().pods().inNamespace(ns()).withLabel(LOADTEST_LABEL, name), List.of(), timeout);
  }

  private static <T extends HasMetadata> void awaitKind(String kind,
      FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?> objects, List<String> expected, Duration timeout) {
    Set<String> wanted = expected.stream().filter(e -> e.startsWith(kind + "/")).collect(Collectors.toSet());
    within(objects.informOnCondition(list -> names(list).equals(wanted)), timeout,
        () -> "after " + timeout.toSeconds() + "s: " + names(objects.list().getItems()) + ", expected " + wanted);
  }

  private static Set<String> names(List<? extends HasMetadata> objects) {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.toSet());
  }

  /**
   * Deletes every LoadTestSchedule and LoadTest of the namespace and waits until the LoadTests are
   * gone and their worker pods with them, so that the next test starts on an idle machine.
   */
  public void deleteAll() {
    // Schedules first: none may create a run while the runs are deleted.
    client().resources(LoadTestSchedule.class).inNamespace(ns()).delete();
    all().inNamespace(ns()).delete();
    within(all().inNamespace(ns()).informOnCondition(List::isEmpty), CLEANUP_TIMEOUT, () -> "LoadTests not gone after "
        + CLEANUP_TIMEOUT.toSeconds() + "s: "
        + all().inNamespace(ns()).list().getItems().stream().map(lt -> lt.getMetadata().getName()).toList());
    awaitKind("Pod", client().pods().inNamespace(ns()).withLabel(MANAGED_BY, "headroom"), List.of(), CLEANUP_TIMEOUT);
  }

  /** The value of an informer's wait once it completes; fails with {@code what} when it does not in time. */
  static <T> T within(CompletableFuture<T> wait, Duration timeout, Supplier<String> what) {
    try {
      return wait.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(what.get(), e);
    } catch (ExecutionException e) {
      throw new AssertionError("cannot watch: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      wait.cancel(true);
    }
  }

  static LoadTestPhase phase(LoadTest lt) {
    return lt.getStatus() == null ? null : lt.getStatus().getPhase();
  }

  static int run(LoadTest lt) {
    LoadTestStatus s = lt.getStatus();
    return s == null || s.getRun() == null ? 0 : s.getRun();
  }
}
