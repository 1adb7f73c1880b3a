package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.headroom.plan.Load;
import dev.headroom.plan.Plan;
import dev.headroom.plan.RequestSpec;
import dev.headroom.plan.Target;
import java.util.List;

/**
 * What to test and how hard. {@code target}, {@code requests} and {@code load} are the worker's
 * {@link Plan} as-is; the rest is for the operator.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadTestSpec(
    Target target,
    List<RequestSpec> requests,
    Load load,
    Workers workers,
    List<Threshold> thresholds,
    Capacity capacity,
    Integer ttlSecondsAfterFinished) {

  public Plan plan() {
    return new Plan(target, requests, load);
  }

  /** The same test aimed at another base URL (the CLI's built-in demo target). */
  public LoadTestSpec withTargetUrl(String url) {
    Target t = target;
    Target moved = new Target(url, t.headers(), t.secretHeaders(), t.timeout(), t.http(), t.tls());
    return new LoadTestSpec(moved, requests, load, workers, thresholds, capacity, ttlSecondsAfterFinished);
  }

  /** {@code workers.replicas}, 1 when unset. */
  public int replicas() {
    return workers == null || workers.replicas() == null ? 1 : workers.replicas();
  }
}
