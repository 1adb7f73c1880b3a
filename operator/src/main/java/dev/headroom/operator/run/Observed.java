package dev.headroom.operator.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.operator.model.WorkerResources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the operator sees of one LoadTest at one moment: the resource, its worker Jobs and their
 * pods (from the informers' caches), and the time. Everything a step decides on, so steps can be
 * driven in tests with made-up pods.
 *
 * @param jobs this LoadTest's worker Jobs, of every run (owned by its uid)
 * @param pods the pods of those Jobs
 */
public record Observed(LoadTest loadTest, List<Job> jobs, List<Pod> pods, Instant now) {

  /** Where a LoadTest is, which decides the step the reconciler takes. */
  public enum Step {
    /** No run yet, or the spec changed since the last one: validate, then create a run. */
    NEW_RUN,
    /** Workers are being created: start them all together once every one is ready. */
    STARTING,
    /** Workers are sending: pull their intervals; finish when all are done. */
    RUNNING,
    /** The last run ended and the spec has not changed: stop finished workers, apply the TTL. */
    SETTLED
  }

  private static final ObjectMapper COPIER = new ObjectMapper();
  private static final String JOB_UID_LABEL = "batch.kubernetes.io/controller-uid";
  private static final String LEGACY_JOB_UID_LABEL = "controller-uid";

  public Observed {
    jobs = List.copyOf(jobs);
    pods = List.copyOf(pods);
  }

  /**
   * Keeps the Jobs this LoadTest owns and their pods. A LoadTest deleted and created again under
   * the same name shares labels with the old one's leftovers, but not the uid.
   */
  public static Observed of(LoadTest lt, Collection<Job> jobs, Collection<Pod> pods, Instant now) {
    String uid = lt.getMetadata().getUid();
    List<Job> owned = jobs.stream().filter(j -> ownedBy(j, uid)).toList();
    Set<String> jobUids = owned.stream().map(j -> j.getMetadata().getUid()).collect(Collectors.toSet());
    List<Pod> ofJobs = pods.stream().filter(p -> jobUids.contains(jobUid(p))).toList();
    return new Observed(lt, owned, ofJobs, now);
  }

  /** The current status; an empty one before the first write. Not to be changed: see {@link #draft()}. */
  public LoadTestStatus status() {
    LoadTestStatus s = loadTest.getStatus();
    return s == null ? new LoadTestStatus() : s;
  }

  /** A deep copy of the status, for a step to change. */
  public LoadTestStatus draft() {
    return COPIER.convertValue(status(), LoadTestStatus.class);
  }

  public Step step() {
    LoadTestStatus s = status();
    if (s.getPhase() == LoadTestPhase.Starting) {
      return Step.STARTING;
    }
    if (s.getPhase() == LoadTestPhase.Running) {
      return Step.RUNNING;
    }
    return specChangedSinceRun() ? Step.NEW_RUN : Step.SETTLED;
  }

  /** The generation of the spec now; the status says which one its run came from. */
  public long generation() {
    Long g = loadTest.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }

  /**
   * True when the spec is newer than the one the status describes (or there is no status yet), or
   * the run token differs from the one the last run was started (or refused) with.
   */
  public boolean specChangedSinceRun() {
    Long observed = status().getObservedGeneration();
    return observed == null || generation() > observed
        || !Objects.equals(RunTrigger.runToken(loadTest), status().getRunToken());
  }

  /** The current run's number; 0 before the first. */
  public int run() {
    Integer run = status().getRun();
    return run == null ? 0 : run;
  }

  /** The current run's Job, once the informer has it. */
  public Optional<Job> job() {
    return jobs.stream().filter(j -> runOf(j) == run()).findFirst();
  }

  /** The current run's pods. */
  public List<Pod> runPods() {
    return pods.stream().filter(p -> runOf(p) == run()).toList();
  }

  public String uid() {
    return loadTest.getMetadata().getUid();
  }

  /** The time as status writes it: RFC 3339 to the second, as Kubernetes does. */
  public String nowText() {
    return rfc3339(now);
  }

  public static String rfc3339(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The run number in an object's {@code headroom.dev/run} label; -1 when absent. */
  public static int runOf(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    String run = labels == null ? null : labels.get(WorkerResources.RUN_LABEL);
    try {
      return run == null ? -1 : Integer.parseInt(run);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean ownedBy(HasMetadata object, String uid) {
    return object.getMetadata().getOwnerReferences() != null
        && object.getMetadata().getOwnerReferences().stream().anyMatch(o -> Objects.equals(o.getUid(), uid));
  }

  private static String jobUid(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (labels == null) {
      return null;
    }
    return labels.getOrDefault(JOB_UID_LABEL, labels.get(LEGACY_JOB_UID_LABEL));
  }
}
