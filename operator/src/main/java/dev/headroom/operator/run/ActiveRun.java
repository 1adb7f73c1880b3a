package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.session.RunSession;
import dev.headroom.session.SessionCheckpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A run the operator is driving, held in memory: the spec it was started from, its token, its
 * workers and the results merged so far. All of it can be rebuilt from the cluster, which is what
 * happens after an operator restart: spec and token from the run's ConfigMap and Secret, workers
 * from their pods, results from the run's checkpoint and what the workers still keep after it
 * (merging is idempotent).
 */
public final class ActiveRun {

  private final int run;
  private final LoadTestSpec spec;
  private final String token;
  private List<LinkedWorker> workers = List.of();
  private RunSession session;
  private Instant progressAt;
  private Instant checkpointAt;
  private int stepsWritten = -1;
  private boolean stopped;

  ActiveRun(int run, LoadTestSpec spec, String token) {
    this.run = run;
    this.spec = spec;
    this.token = token;
  }

  public int run() {
    return run;
  }

  /** The spec as it was when the run was created; later edits apply to the next run. */
  public LoadTestSpec spec() {
    return spec;
  }

  String token() {
    return token;
  }

  public int replicas() {
    return spec.replicas();
  }

  /**
   * Links the workers and starts a session on them. An index without an endpoint is lost from the
   * start: its pod was gone when the operator took the run up again.
   *
   * @param recordedSteps capacity steps the status recorded, to resume a search from
   * @param checkpoint what an earlier operator recorded of this run, or null
   * @param onMerged called for every interval merged for the first time (a metric)
   */
  synchronized void begin(List<WorkerEndpoint> endpoints, WorkerLinks links, List<CapacityStep> recordedSteps,
      SessionCheckpoint checkpoint, Runnable onMerged) {
    Map<Integer, WorkerEndpoint> byIndex = endpoints.stream()
        .collect(Collectors.toMap(WorkerEndpoint::index, Function.identity(), (a, b) -> a, TreeMap::new));
    List<LinkedWorker> linked = new ArrayList<>();
    for (int i = 0; i < replicas(); i++) {
      WorkerEndpoint e = byIndex.get(i);
      linked.add(e == null
          ? LinkedWorker.missing(i, "its pod was gone when the operator took up the run")
          : LinkedWorker.linked(e, links.link(e, token)));
    }
    workers = List.copyOf(linked);
    session = new RunSession(spec, workers, recordedSteps, checkpoint, onMerged);
    progressAt = null; // the first live progress is due as soon as the run sends
    checkpointAt = Instant.MIN; // and the first checkpoint an interval after it began
  }

  synchronized boolean begun() {
    return session != null;
  }

  synchronized List<LinkedWorker> workers() {
    return workers;
  }

  /**
   * The reason its lost workers give the run, for a condition and an event: the first named by a
   * lost worker's pod ({@link WorkerFaults#lossReason}), else {@link WorkerFaults#LOST}.
   */
  synchronized String lossReason() {
    return workers.stream().map(LinkedWorker::lost).filter(Objects::nonNull).map(WorkerFaults::lossReason)
        .filter(r -> !r.equals(WorkerFaults.LOST)).findFirst().orElse(WorkerFaults.LOST);
  }

  /** The run's session; only once begun. */
  synchronized RunSession session() {
    if (session == null) {
      throw new IllegalStateException("run " + run + " has not begun");
    }
    return session;
  }

  /**
   * True at most once per {@code every}: live progress (ready workers while starting, then rates
   * and latencies) is written at a modest rate.
   */
  synchronized boolean progressDue(Instant now, Duration every) {
    if (progressAt == null || !now.isBefore(progressAt.plus(every))) {
      progressAt = now;
      return true;
    }
    return false;
  }

  /** True at most once per {@code every}, counting from when the session began. */
  synchronized boolean checkpointDue(Instant now, Duration every) {
    if (checkpointAt == Instant.MIN) {
      checkpointAt = now;
      return false;
    }
    if (!now.isBefore(checkpointAt.plus(every))) {
      checkpointAt = now;
      return true;
    }
    return false;
  }

  /** True once for each new count of capacity steps: a step's verdict is written when it is made. */
  synchronized boolean stepsChanged(int steps) {
    boolean changed = steps != stepsWritten;
    stepsWritten = steps;
    return changed;
  }

  synchronized boolean stopped() {
    return stopped;
  }

  /** The finished run's workers were told to stop; its results are no longer needed in memory. */
  synchronized void markStopped() {
    stopped = true;
    session = null;
    workers = List.of();
  }
}
