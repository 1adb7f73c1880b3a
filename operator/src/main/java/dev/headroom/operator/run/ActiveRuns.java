package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.operator.kube.Cluster;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.session.RunFailure;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest run of each LoadTest (by uid) in memory, loaded from the run's ConfigMap and Secret
 * when the operator does not have it (after a restart, or on another replica that took over).
 */
public final class ActiveRuns {

  private final Cluster cluster;
  private final Map<String, ActiveRun> byUid = new ConcurrentHashMap<>();

  public ActiveRuns(Cluster cluster) {
    this.cluster = cluster;
  }

  /** A run just created, with the spec and token its children hold. */
  void created(String uid, int run, LoadTestSpec spec, String token) {
    byUid.put(uid, new ActiveRun(run, spec, token));
  }

  /**
   * The observed LoadTest's current run.
   *
   * @throws RunFailure when its ConfigMap or Secret is gone or unreadable
   */
  ActiveRun current(Observed o) {
    ActiveRun known = byUid.get(o.uid());
    if (known != null && known.run() == o.run()) {
      return known;
    }
    ActiveRun loaded = load(o.loadTest(), o.run());
    byUid.put(o.uid(), loaded);
    return loaded;
  }

  /** The current run if it is in memory, without loading it. */
  Optional<ActiveRun> peek(Observed o) {
    return Optional.ofNullable(byUid.get(o.uid())).filter(r -> r.run() == o.run());
  }

  /** Drops what is held about a LoadTest: it was deleted. */
  public void forget(String uid) {
    byUid.remove(uid);
  }

  /** How many LoadTests have a run in memory. */
  public int size() {
    return byUid.size();
  }

  private ActiveRun load(LoadTest lt, int run) {
    String ns = lt.getMetadata().getNamespace();
    String planName = WorkerResources.planConfigMapName(lt, run);
    String tokenName = WorkerResources.tokenSecretName(lt, run);
    ConfigMap plan = cluster.configMap(ns, planName).orElseThrow(() -> missing("ConfigMap " + planName, run));
    Secret token = cluster.secret(ns, tokenName).orElseThrow(() -> missing("Secret " + tokenName, run));
    try {
      return new ActiveRun(run, WorkerResources.specOf(plan), WorkerResources.tokenOf(token));
    } catch (IllegalArgumentException e) {
      throw new RunFailure("RunResourcesMissing", "run " + run + ": " + e.getMessage());
    }
  }

  private static RunFailure missing(String what, int run) {
    return new RunFailure("RunResourcesMissing", what + " of run " + run + " is gone: the run cannot be followed");
  }
}
