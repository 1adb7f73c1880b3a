package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.WorkerCounts;
import dev.headroom.collect.WorkerControl;
import dev.headroom.plan.Durations;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Takes a run from {@code Starting} to {@code Running}: waits until every worker pod is ready,
 * then tells all of them to start at one instant a moment ahead. A pod that cannot become a worker
 * (its container ended) fails the run at once; pods that are merely slow fail it at the ready
 * timeout, with the reason Kubernetes gives for them.
 */
public final class RunStarter {

  private final ActiveRuns runs;
  private final WorkerLinks links;
  private final RunTiming timing;
  private final Runnable onMerged;

  /** @param onMerged called for every worker interval merged for the first time (a metric) */
  public RunStarter(ActiveRuns runs, WorkerLinks links, RunTiming timing, Runnable onMerged) {
    this.runs = runs;
    this.links = links;
    this.timing = timing;
    this.onMerged = onMerged;
  }

  public Outcome advance(Observed o) {
    ActiveRun run = runs.current(o);
    WorkerPods pods = WorkerPods.of(o.runPods(), run.replicas());
    if (pods.allReady()) {
      return start(o, run, pods);
    }
    WorkerFaults.fatal(pods.all()).ifPresent(fault -> {
      throw new RunFailure(fault);
    });
    if (!o.now().isBefore(waitingSince(o).plus(timing.readyTimeout()))) {
      WorkerFaults.Fault why = WorkerFaults.notReady(pods);
      throw new RunFailure(why.reason(), "workers not ready within "
          + Durations.formatSpan(timing.readyTimeout()) + ": " + why.message());
    }
    LoadTestStatus s = o.draft();
    // Every pod that gets ready is an event; the count is written no more often than progress is.
    if (run.progressDue(o.now(), timing.progressEvery())) {
      s.setWorkers(new WorkerCounts(run.replicas(), pods.ready(), 0));
      Conditions.put(s, Conditions.of(Conditions.WORKERS_READY, false, "Starting",
          pods.ready() + " of " + run.replicas() + " workers ready", o.nowText(), s.getObservedGeneration()));
    }
    return Outcome.of(s, null);
  }

  private Outcome start(Observed o, ActiveRun run, WorkerPods pods) {
    // Sent again (a status the informer had not caught up with, or a new operator taking the run
    // over), the start is answered with the instant the workers already run from, which is kept.
    long startAt = o.now().toEpochMilli() + timing.startLead().toMillis();
    if (!run.begun()) {
      run.begin(pods.endpoints(), links, onMerged);
    }
    List<WorkerControl> workers = run.controls();
    List<Future<Long>> starts = workers.stream().map(w -> w.start(startAt)).toList();
    Future.join(starts).otherwiseEmpty().await();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      if (starts.get(i).failed()) {
        failed.add("worker " + workers.get(i).index() + ": " + starts.get(i).cause().getMessage());
      }
    }
    if (!failed.isEmpty()) {
      // Some may have started: a run whose workers are out of step measures nothing sound.
      throw new RunFailure("StartFailed", "workers did not accept the start: " + String.join("; ", failed));
    }
    long startedAt = commonStart(workers, starts);
    LoadTestStatus s = o.draft();
    s.setPhase(LoadTestPhase.Running);
    s.setStartTime(Observed.rfc3339(Instant.ofEpochMilli(startedAt)));
    s.setWorkers(new WorkerCounts(run.replicas(), run.replicas(), 0));
    s.setMessage(RunCollector.sending(run.run(), run.replicas(), run.replicas()));
    Conditions.put(s, Conditions.of(Conditions.WORKERS_READY, true, "AllReady",
        run.replicas() + " of " + run.replicas() + " workers ready", o.nowText(), s.getObservedGeneration()));
    return Outcome.of(s, null);
  }

  /**
   * The one instant every worker runs from: the one just sent, or, when an operator that went away
   * had started them already, the one they give back.
   *
   * @throws RunFailure when they run from different instants (that operator went away mid-start)
   */
  private static long commonStart(List<WorkerControl> workers, List<Future<Long>> starts) {
    Map<Long, List<Integer>> byInstant = new TreeMap<>();
    for (int i = 0; i < starts.size(); i++) {
      byInstant.computeIfAbsent(starts.get(i).result(), t -> new ArrayList<>()).add(workers.get(i).index());
    }
    if (byInstant.size() > 1) {
      throw new RunFailure("StartFailed", "workers are out of step: " + byInstant.entrySet().stream()
          .map(e -> "workers " + e.getValue() + " run from " + Instant.ofEpochMilli(e.getKey()))
          .collect(Collectors.joining(", ")));
    }
    return byInstant.keySet().iterator().next();
  }

  /** When this run began to wait: the transition of WorkersReady its creation set. */
  private static Instant waitingSince(Observed o) {
    return Conditions.get(o.status(), Conditions.WORKERS_READY)
        .map(c -> Instant.parse(c.getLastTransitionTime()))
        .orElse(o.now());
  }
}
