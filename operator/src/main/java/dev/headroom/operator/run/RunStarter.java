package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.WorkerCounts;
import dev.headroom.plan.Durations;
import dev.headroom.session.Conditions;
import dev.headroom.session.RunFailure;
import dev.headroom.session.RunStatus;
import java.time.Instant;
import java.util.List;

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
  private final Checkpoints checkpoints;
  private final Runnable onMerged;

  /** @param onMerged called for every worker interval merged for the first time (a metric) */
  public RunStarter(ActiveRuns runs, WorkerLinks links, RunTiming timing, Checkpoints checkpoints,
      Runnable onMerged) {
    this.runs = runs;
    this.checkpoints = checkpoints;
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
      throw new RunFailure(fault.reason(), fault.message());
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
    if (!run.begun()) {
      // A checkpoint while the status still says Starting: "Running" was written by an operator
      // that then went away, and its write was lost. Carry on from it like any other restart.
      run.begin(pods.endpoints(), links, List.of(), checkpoints.load(o.loadTest(), run.run()).orElse(null), onMerged);
    }
    long startedAt = run.session().start(o.now().toEpochMilli() + timing.startLead().toMillis());
    LoadTestStatus s = o.draft();
    s.setPhase(LoadTestPhase.Running);
    s.setStartTime(Observed.rfc3339(Instant.ofEpochMilli(startedAt)));
    RunStatus.running(s, run.run(), run.session(), run.replicas(), false);
    Conditions.put(s, Conditions.of(Conditions.WORKERS_READY, true, "AllReady",
        run.replicas() + " of " + run.replicas() + " workers ready", o.nowText(), s.getObservedGeneration()));
    return Outcome.of(s, null);
  }

  /** When this run began to wait: the transition of WorkersReady its creation set. */
  private static Instant waitingSince(Observed o) {
    return Conditions.get(o.status(), Conditions.WORKERS_READY)
        .map(c -> Instant.parse(c.getLastTransitionTime()))
        .orElse(o.now());
  }
}
