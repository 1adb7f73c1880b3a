package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.operator.kube.Cluster;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.session.RunFailure;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks after a run that has ended: tells its finished workers to stop (a finished worker then
 * exits, so its Job completes), removes the run's workers, plan and token once {@code
 * ttlSecondsAfterFinished} has passed (the LoadTest and its results stay), and, when a LoadTest is
 * deleted mid-run, stops its workers at once rather than when their pods are garbage-collected.
 */
public final class RunSettler {

  private static final Logger LOG = LoggerFactory.getLogger(RunSettler.class);

  private final Cluster cluster;
  private final ActiveRuns runs;
  private final WorkerLinks links;
  private final Checkpoints checkpoints;
  /** The newest run of each LoadTest (by uid) whose worker resources were removed. */
  private final Map<String, Integer> removedUpTo = new ConcurrentHashMap<>();
  /** The newest run of each LoadTest (by uid) whose checkpoint was removed. */
  private final Map<String, Integer> checkpointGoneUpTo = new ConcurrentHashMap<>();

  public RunSettler(Cluster cluster, ActiveRuns runs, WorkerLinks links, Checkpoints checkpoints) {
    this.cluster = cluster;
    this.runs = runs;
    this.links = links;
    this.checkpoints = checkpoints;
  }

  /** The status stays as it is; the outcome only says when the TTL falls due. */
  public Outcome settle(Observed o) {
    release(o);
    return Outcome.of(o.draft(), applyTtl(o));
  }

  /**
   * Lets an ended run go: the workers of a finished one are told to stop (once), and what was
   * merged is dropped from memory. Also before a new run, for when a run's end and a spec change
   * are seen together and the settled state is never reconciled.
   */
  public void release(Observed o) {
    // The ended run's status is written: the checkpoint it was collected with has served.
    if (o.run() > 0 && checkpointGoneUpTo.getOrDefault(o.uid(), 0) < o.run()) {
      checkpoints.delete(o.loadTest(), o.run());
      checkpointGoneUpTo.put(o.uid(), o.run());
    }
    if (o.status().getPhase() == LoadTestPhase.Succeeded) {
      stopWorkersOnce(o);
    } else {
      // Nothing to stop: a failed run's Job is gone, and a refused spec never had one.
      runs.peek(o).ifPresent(ActiveRun::markStopped);
    }
  }

  /**
   * A LoadTest being deleted: its running workers are told to stop, once, best effort (their pods
   * go with their owner anyway, a little later). The run is forgotten when the LoadTest is
   * {@code gone}; a foreground delete is seen several times before that.
   */
  public void stopOnDelete(Observed o, boolean gone) {
    LoadTestPhase phase = o.status().getPhase();
    try {
      if (phase == LoadTestPhase.Starting || phase == LoadTestPhase.Running) {
        stopWorkersOnce(o);
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot stop the workers of deleted {}: {}", name(o), e.getMessage());
    } finally {
      if (gone) {
        runs.forget(o.uid());
        removedUpTo.remove(o.uid());
        checkpointGoneUpTo.remove(o.uid());
      }
    }
  }

  private void stopWorkersOnce(Observed o) {
    if (!runs.peek(o).map(ActiveRun::stopped).orElse(false)) {
      stopServingWorkers(o);
      runs.peek(o).ifPresent(ActiveRun::markStopped);
    }
  }

  /** POST /stop to every worker pod of the run that is still up, and wait for their answers. */
  private void stopServingWorkers(Observed o) {
    List<WorkerEndpoint> serving = WorkerPods.of(o.runPods(), Integer.MAX_VALUE).endpoints();
    if (serving.isEmpty()) {
      return;
    }
    String token;
    try {
      token = runs.current(o).token();
    } catch (RunFailure e) {
      LOG.warn("cannot stop the workers of {} run {}: {}", name(o), o.run(), e.getMessage());
      return;
    }
    List<Future<Void>> stops = serving.stream().map(e -> links.link(e, token).stop()).toList();
    Future.join(stops).otherwiseEmpty().await();
    stops.stream().filter(Future::failed).forEach(f ->
        LOG.info("a worker of {} run {} did not take /stop: {}", name(o), o.run(), f.cause().getMessage()));
  }

  /** Removes worker resources once the TTL has passed; else says how long until it does. */
  private Duration applyTtl(Observed o) {
    LoadTestSpec spec = o.loadTest().getSpec();
    Integer ttl = spec == null ? null : spec.ttlSecondsAfterFinished();
    String completion = o.status().getCompletionTime();
    if (ttl == null || completion == null || o.run() == 0) {
      return null;
    }
    Instant due = Instant.parse(completion).plusSeconds(ttl);
    if (o.now().isBefore(due)) {
      return Duration.between(o.now(), due);
    }
    if (removedUpTo.getOrDefault(o.uid(), 0) < o.run()) {
      removeWorkerResources(o);
      removedUpTo.put(o.uid(), o.run());
    }
    return null;
  }

  /** The Job (with its pods), plan and token of the current run and of any earlier run still there. */
  private void removeWorkerResources(Observed o) {
    LoadTest lt = o.loadTest();
    String ns = lt.getMetadata().getNamespace();
    Set<Integer> runNumbers = new TreeSet<>();
    runNumbers.add(o.run());
    o.jobs().forEach(j -> runNumbers.add(Observed.runOf(j)));
    runNumbers.remove(-1);
    for (int run : runNumbers) {
      cluster.deleteJob(ns, WorkerResources.jobName(lt, run));
      cluster.deleteConfigMap(ns, WorkerResources.planConfigMapName(lt, run));
      cluster.deleteSecret(ns, WorkerResources.tokenSecretName(lt, run));
    }
    LOG.info("{}: removed the workers of run(s) {} (ttlSecondsAfterFinished)", name(o), runNumbers);
  }

  private static String name(Observed o) {
    return o.loadTest().getMetadata().getNamespace() + "/" + o.loadTest().getMetadata().getName();
  }
}
