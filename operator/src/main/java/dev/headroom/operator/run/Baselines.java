package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.Regression;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.operator.kube.Cluster;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.plan.Problem;
import dev.headroom.results.RunFigures;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds the run a LoadTest's {@code spec.regression} compares with, in the results ConfigMaps
 * finished runs leave: {@code Previous}, the newest earlier run of this LoadTest that succeeded
 * with verdict Pass and did not regress itself (so one slow release cannot become the yardstick
 * of the next); or a named LoadTest's newest run that succeeded, whatever its verdict.
 */
public final class Baselines {

  static final String FIELD = "spec.regression.baseline";

  /** Runs looked back over; older results are unlikely to be kept, and each look is a read. */
  static final int LOOK_BACK = 20;

  /**
   * The baseline's figures, or why there are none.
   *
   * @param why set when {@code figures} is absent
   */
  public record Found(Optional<RunFigures> figures, String why) {}

  private final Cluster cluster;

  public Baselines(Cluster cluster) {
    this.cluster = cluster;
  }

  /**
   * A named baseline that cannot serve, before anything of the run is created: the LoadTest does
   * not exist or has no finished run. {@code Previous} always passes: the first run has none.
   */
  public Optional<Problem> check(LoadTest lt) {
    Regression r = lt.getSpec().regression();
    if (r == null || Regression.PREVIOUS.equals(r.baselineOrPrevious())) {
      return Optional.empty();
    }
    try {
      Found found = named(lt.getMetadata().getNamespace(), r.baselineOrPrevious());
      return found.figures().isPresent() ? Optional.empty() : Optional.of(new Problem(FIELD, found.why()));
    } catch (IllegalArgumentException e) {
      // A results ConfigMap someone edited: refuse the run with the reason rather than retry forever.
      return Optional.of(new Problem(FIELD, "the results of LoadTest '" + r.baselineOrPrevious()
          + "' cannot be read: " + e.getMessage()));
    }
  }

  /**
   * The baseline of run {@code run} of {@code lt}, which compares by {@code regression}. {@code
   * Previous} is a run of the same spec ({@code generation}): a run of an edited spec measured
   * another test, and comparing with it would flag the edit.
   */
  public Found find(LoadTest lt, Regression regression, int run, Long generation) {
    String baseline = regression.baselineOrPrevious();
    String namespace = lt.getMetadata().getNamespace();
    if (!Regression.PREVIOUS.equals(baseline)) {
      return named(namespace, baseline);
    }
    return newest(lt, run - 1, s -> s.getVerdict() == Verdict.Pass
            && (s.getRegression() == null || !Boolean.TRUE.equals(s.getRegression().regressed()))
            && Objects.equals(s.getObservedGeneration(), generation))
        .orElseGet(() -> new Found(Optional.empty(), run == 1
            ? "no baseline yet: this is the first run of " + lt.getMetadata().getName()
            : "no earlier run of this spec of " + lt.getMetadata().getName() + " passed"));
  }

  private Found named(String namespace, String name) {
    Optional<LoadTest> other = cluster.loadTest(namespace, name);
    if (other.isEmpty()) {
      return new Found(Optional.empty(), "no LoadTest '" + name + "' in namespace " + namespace);
    }
    Integer last = other.get().getStatus() == null ? null : other.get().getStatus().getRun();
    return newest(other.get(), last == null ? 0 : last, s -> true)
        .orElseGet(() -> new Found(Optional.empty(), "LoadTest '" + name + "' has no run that succeeded"
            + " with its results kept"));
  }

  /** The newest run at or below {@code from} whose results qualify. */
  private Optional<Found> newest(LoadTest lt, int from, Predicate<LoadTestStatus> qualifies) {
    for (int k = from; k >= 1 && k > from - LOOK_BACK; k--) {
      Optional<ConfigMap> results = cluster.configMap(lt.getMetadata().getNamespace(),
          WorkerResources.resultsConfigMapName(lt, k));
      if (results.isEmpty()) {
        continue;
      }
      LoadTestStatus s = WorkerResources.statusOf(results.get());
      if (s.getPhase() == LoadTestPhase.Succeeded && qualifies.test(s)) {
        String label = lt.getMetadata().getName() + " run " + k;
        return Optional.of(new Found(
            Optional.of(RunFigures.of(label, s, WorkerResources.intervalLogOf(results.get()))), null));
      }
    }
    return Optional.empty();
  }
}
