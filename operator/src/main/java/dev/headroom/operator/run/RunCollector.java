package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.CapacityResult;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.Workers;
import dev.headroom.session.Conditions;
import dev.headroom.session.RunFailure;
import dev.headroom.session.RunSession;
import dev.headroom.session.RunStatus;
import dev.headroom.session.SessionCheckpoint;
import dev.headroom.results.RunResults;
import java.util.List;

/**
 * Follows a {@code Running} run: pulls every worker's new intervals into the run's results, writes
 * live progress now and then, applies the failure policy to workers that are lost, and hands the
 * run to {@link RunFinisher} once every worker has reported its last interval.
 *
 * <p>Every checkpoint interval it writes what was merged to the run's checkpoint, and only then lets
 * the workers drop it, so their memory is bounded by that interval, not by the run's length. After
 * an operator restart the run is taken up from the cluster: workers from their pods, results from
 * the checkpoint and what the workers kept after it, so the totals are those of an uninterrupted
 * run.
 */
public final class RunCollector {

  private final ActiveRuns runs;
  private final WorkerLinks links;
  private final RunTiming timing;
  private final RunFinisher finisher;
  private final Checkpoints checkpoints;
  private final Runnable onMerged;
  private final Pulled onPulled;

  /** Told after every pull of a run, its last included: live metrics read the merged results. */
  @FunctionalInterface
  public interface Pulled {
    void pulled(LoadTest loadTest, int run, RunSession session, int replicas);
  }

  /**
   * @param onMerged called for every worker interval merged for the first time (a metric)
   * @param onPulled called after every pull, before the run's end is decided
   */
  public RunCollector(ActiveRuns runs, WorkerLinks links, RunTiming timing, RunFinisher finisher,
      Checkpoints checkpoints, Runnable onMerged, Pulled onPulled) {
    this.onPulled = onPulled;
    this.runs = runs;
    this.checkpoints = checkpoints;
    this.links = links;
    this.timing = timing;
    this.finisher = finisher;
    this.onMerged = onMerged;
  }

  public Outcome advance(Observed o) {
    ActiveRun run = runs.current(o);
    WorkerPods pods = WorkerPods.of(o.runPods(), run.replicas());
    if (!run.begun()) {
      CapacityResult recorded = o.status().getCapacity();
      run.begin(pods.endpoints(), links, recorded == null || recorded.steps() == null ? List.of() : recorded.steps(),
          checkpoints.load(o.loadTest(), run.run()).orElse(null), onMerged);
    }
    cutOffGone(run, pods);
    RunSession session = run.session();
    awaitPodWord(run, session, o);
    session.advance(o.now());
    onPulled.pulled(o.loadTest(), run.run(), session, run.replicas());
    if (run.checkpointDue(o.now(), timing.checkpointEvery())) {
      SessionCheckpoint checkpoint = session.checkpoint(run.run(), RunResults.CHECKPOINT_BUDGET);
      if (checkpoints.save(o.loadTest(), run.run(), checkpoint)) {
        session.acknowledge(checkpoint);
      }
    }
    int lost = session.lost();
    if (lost > 0 && failOnLoss(run)) {
      throw new RunFailure(run.lossReason(), session.lostMessage() + " (workers.failurePolicy: Fail)");
    }
    if (session.done()) {
      return finisher.finish(o, run);
    }
    LoadTestStatus s = o.draft();
    int steps = session.search().map(c -> 2 * c.currentStep() + (c.finished() ? 1 : 0)).orElse(0);
    // A capacity step's verdict is written when it is made; the rest at the progress rate.
    boolean due = run.stepsChanged(steps) | run.progressDue(o.now(), timing.progressEvery());
    RunStatus.running(s, run.run(), session, run.replicas(), due);
    if (lost > 0) {
      Conditions.put(s, Conditions.of(Conditions.WORKERS_READY, false, run.lossReason(), session.lostMessage()
          + " (workers.failurePolicy: Continue)", o.nowText(), s.getObservedGeneration()));
    }
    return Outcome.of(s, null);
  }

  /**
   * Workers whose pod has gone are cut off, so they are counted lost at once, with what the pod
   * says (OOMKilled, Evicted), instead of after failed pulls that only say the address is dead.
   */
  private static void cutOffGone(ActiveRun run, WorkerPods pods) {
    for (LinkedWorker worker : run.workers()) {
      if (worker.endpoint() != null && worker.lostBecause() == null && pods.gone(worker.endpoint())) {
        worker.cutOff(pods.whyGone(worker.endpoint()));
      }
    }
  }

  /** Silent workers whose pods have not said why yet are not lost before {@link LinkedWorker#POD_WORD_GRACE}. */
  private static void awaitPodWord(ActiveRun run, RunSession session, Observed o) {
    List<LinkedWorker> workers = run.workers();
    for (int i = 0; i < workers.size(); i++) {
      workers.get(i).reviewSilence(session.silent(i), o.now());
    }
  }

  private static boolean failOnLoss(ActiveRun run) {
    Workers workers = run.spec().workers();
    return workers != null && workers.failurePolicy() == Workers.FailurePolicy.Fail;
  }
}
