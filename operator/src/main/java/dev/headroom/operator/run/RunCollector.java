package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.WorkerCounts;
import dev.headroom.api.v1alpha1.Workers;

/**
 * Follows a {@code Running} run: pulls every worker's new intervals into the run's results, writes
 * live progress now and then, applies the failure policy to workers that are lost, and hands the
 * run to {@link RunFinisher} once every worker has reported its last interval.
 *
 * <p>After an operator restart the run is taken up from the cluster: workers from their pods, and
 * results by pulling every interval from the first, so the totals are those of an uninterrupted run.
 */
public final class RunCollector {

  private final ActiveRuns runs;
  private final WorkerLinks links;
  private final RunTiming timing;
  private final RunFinisher finisher;
  private final Runnable onMerged;

  /** @param onMerged called for every worker interval merged for the first time (a metric) */
  public RunCollector(ActiveRuns runs, WorkerLinks links, RunTiming timing, RunFinisher finisher, Runnable onMerged) {
    this.runs = runs;
    this.links = links;
    this.timing = timing;
    this.finisher = finisher;
    this.onMerged = onMerged;
  }

  public Outcome advance(Observed o) {
    ActiveRun run = runs.current(o);
    WorkerPods pods = WorkerPods.of(o.runPods(), run.replicas());
    if (!run.begun()) {
      run.begin(pods.endpoints(), links, onMerged);
    }
    cutOffGone(run, pods);
    run.pull().await();
    int lost = run.lost();
    if (lost > 0 && failOnLoss(run)) {
      throw new RunFailure("WorkerLost", run.lostMessage() + " (workers.failurePolicy: Fail)");
    }
    if (run.done()) {
      return finisher.finish(o, run);
    }
    LoadTestStatus s = o.draft();
    int replicas = run.replicas();
    s.setWorkers(new WorkerCounts(replicas, replicas - lost, lost));
    s.setMessage(sending(run.run(), replicas - lost, replicas));
    if (lost > 0) {
      Conditions.put(s, Conditions.of(Conditions.WORKERS_READY, false, "WorkerLost", run.lostMessage()
          + " (workers.failurePolicy: Continue)", o.nowText(), s.getObservedGeneration()));
    }
    if (run.progressDue(o.now(), timing.progressEvery())) {
      run.results().progress().ifPresent(s::setProgress);
    }
    return Outcome.of(s, null);
  }

  /** The message of a run in progress: "run 2: 4 of 4 workers sending". */
  static String sending(int run, int sending, int replicas) {
    return "run " + run + ": " + sending + " of " + replicas + " workers sending";
  }

  /** Workers whose pod has gone are cut off, so they are counted lost without waiting on timeouts. */
  private static void cutOffGone(ActiveRun run, WorkerPods pods) {
    for (LinkedWorker worker : run.workers()) {
      if (worker.endpoint() != null && worker.lostBecause() == null && pods.gone(worker.endpoint())) {
        worker.cutOff(pods.whyGone(worker.endpoint()));
      }
    }
  }

  private static boolean failOnLoss(ActiveRun run) {
    Workers workers = run.spec().workers();
    return workers != null && workers.failurePolicy() == Workers.FailurePolicy.Fail;
  }
}
