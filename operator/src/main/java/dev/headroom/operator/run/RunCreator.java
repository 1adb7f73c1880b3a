package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.WorkerCounts;
import dev.headroom.operator.OperatorConfig;
import dev.headroom.operator.kube.Cluster;
import dev.headroom.operator.model.RunToken;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.session.Conditions;
import dev.headroom.session.RunFailure;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Objects;
import java.util.Set;

/**
 * Starts a new run of a valid LoadTest: creates its plan ConfigMap, token Secret and worker Job
 * (in that order, so the pods' volumes exist when they are scheduled) and moves it to {@code
 * Starting}. Children are created once and never updated: after a crash between creating them and
 * writing the status, the same names are found and reused.
 */
public final class RunCreator {

  private final OperatorConfig config;
  private final Cluster cluster;
  private final ActiveRuns runs;
  private final RunFinisher finisher;

  public RunCreator(OperatorConfig config, Cluster cluster, ActiveRuns runs, RunFinisher finisher) {
    this.config = config;
    this.cluster = cluster;
    this.runs = runs;
    this.finisher = finisher;
  }

  public Outcome create(Observed o) {
    LoadTest lt = o.loadTest();
    int run = o.run() + 1;
    LoadTestStatus status = startingStatus(o, run);
    try {
      ConfigMap plan = ensure(lt, WorkerResources.planConfigMap(lt, run));
      Secret token = ensure(lt, WorkerResources.tokenSecret(lt, run, RunToken.generate()));
      ensure(lt, WorkerResources.workerJob(lt, run, config));
      runs.created(o.uid(), run, WorkerResources.specOf(plan), WorkerResources.tokenOf(token));
    } catch (Cluster.Refused e) {
      return finisher.fail(lt, status, new RunFailure("WorkersRefused",
          "the API server refused the run's workers: " + e.getMessage()), o.now());
    }
    return new Outcome(status, null, null);
  }

  private LoadTestStatus startingStatus(Observed o, int run) {
    int replicas = o.loadTest().getSpec().replicas();
    LoadTestStatus s = new LoadTestStatus();
    s.setPhase(LoadTestPhase.Starting);
    s.setRun(run);
    s.setObservedGeneration(o.generation());
    s.setRunToken(RunTrigger.runToken(o.loadTest()));
    s.setMessage("run " + run + ": starting " + replicas + (replicas == 1 ? " worker" : " workers"));
    s.setWorkers(new WorkerCounts(replicas, 0, 0));
    s.setConditions(o.status().getConditions());
    Conditions.retain(s, Set.of(Conditions.VALID, Conditions.WORKERS_READY, Conditions.SPEC_CHANGED));
    Long generation = o.generation();
    Conditions.put(s, Conditions.of(Conditions.VALID, true, "SpecValid",
        "the spec is valid and within the operator's policy", o.nowText(), generation));
    // A fresh transition: its time is when this run began to wait for its workers.
    Conditions.replace(s, Conditions.of(Conditions.WORKERS_READY, false, "Starting",
        "0 of " + replicas + " workers ready", o.nowText(), generation));
    return s;
  }

  /** Creates {@code resource} unless it exists; one that exists must be this LoadTest's. */
  private <T extends HasMetadata> T ensure(LoadTest lt, T resource) {
    T inCluster = cluster.createIfAbsent(resource);
    boolean ours = inCluster.getMetadata().getOwnerReferences() != null
        && inCluster.getMetadata().getOwnerReferences().stream()
            .anyMatch(ref -> Objects.equals(ref.getUid(), lt.getMetadata().getUid()));
    if (!ours) {
      // Left by a deleted LoadTest of the same name and not yet garbage-collected: retry later.
      throw new IllegalStateException(resource.getKind() + " " + resource.getMetadata().getName()
          + " exists but belongs to another LoadTest (a deleted one of the same name?); waiting for it to go");
    }
    return inCluster;
  }
}
