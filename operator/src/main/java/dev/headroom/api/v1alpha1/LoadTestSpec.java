package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.headroom.capacity.CapacityPlan;
import dev.headroom.plan.Load;
import dev.headroom.plan.DataSet;
import dev.headroom.plan.Plan;
import dev.headroom.plan.PlanValidator;
import dev.headroom.plan.RequestSpec;
import dev.headroom.plan.Scenario;
import dev.headroom.plan.Target;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * What to test and how hard. {@code target}, {@code requests} or {@code scenarios}, {@code load} and
 * {@code data} are the worker's {@link Plan} as-is; the rest is for the operator.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.capacity) || has(self.load) && has(self.load.stages)",
    message = "load.stages is required (unless capacity searches for the rate)",
    fieldPath = ".load")
@ValidationRule(
    value = "!has(self.capacity) || !has(self.load) || !has(self.load.stages)",
    message = "capacity sets the rate itself: remove load.stages or capacity",
    fieldPath = ".load")
@ValidationRule(
    value = "!has(self.capacity) || !has(self.load) || !has(self.load.model) || self.load.model == 'Open'",
    message = "capacity needs the Open model: the search varies the arrival rate",
    fieldPath = ".load")
@ValidationRule(
    value = "has(self.requests) != has(self.scenarios)",
    message = "set requests (independent requests) or scenarios (journeys): exactly one of the two")
@ValidationRule(
    value = "!has(self.scenarios) || self.scenarios.exists(s, !has(s.weight) || s.weight > 0)",
    message = "total weight must be > 0: give at least one scenario a weight above 0",
    fieldPath = ".scenarios")
@ValidationRule(
    value = "!has(self.requests) || self.requests.exists(r, !has(r.weight) || r.weight > 0)",
    message = "total weight must be > 0: give at least one request a weight above 0",
    fieldPath = ".requests")
public record LoadTestSpec(
    @Required Target target,
    @Size(min = 1, max = PlanValidator.MAX_REQUESTS)
    @JsonPropertyDescription(
        "The request mix: each request is picked in proportion to its weight. Either this or scenarios.")
    List<RequestSpec> requests,
    @Size(min = 1, max = PlanValidator.MAX_SCENARIOS)
    @JsonPropertyDescription(
        "Journeys instead of independent requests: each starts in proportion to its weight and runs its"
            + " steps in order, passing captured values on as ${variables}. Either this or requests.")
    List<Scenario> scenarios,
    Load load,
    Workers workers,
    @Size(max = LoadTestSpec.MAX_THRESHOLDS)
    @JsonPropertyDescription("The pass/fail gate: every threshold must hold for verdict Pass.")
    List<Threshold> thresholds,
    @JsonPropertyDescription("Search for the highest rate that meets an SLO instead of running load.stages.")
    Capacity capacity,
    @Min(0)
    @JsonPropertyDescription(
        "Delete the worker Job, plan and token this many seconds after the run; the LoadTest and its"
            + " results ConfigMap stay.")
    Integer ttlSecondsAfterFinished,
    @JsonPropertyDescription(
        "Compare the run with a baseline run, and give verdict Fail when it regressed: worse beyond a"
            + " limit and significantly.")
    Regression regression,
    @Size(max = PlanValidator.MAX_DATA_SETS)
    @JsonPropertyDescription("Test data for scenarios: CSV rows (with a header row) that templates read as"
        + " ${NAME.column}; each journey takes one row of every data set it names.")
    List<DataSet> data) {

  /** A spec without test data. */
  public LoadTestSpec(Target target, List<RequestSpec> requests, List<Scenario> scenarios, Load load, Workers workers,
      List<Threshold> thresholds, Capacity capacity, Integer ttlSecondsAfterFinished, Regression regression) {
    this(target, requests, scenarios, load, workers, thresholds, capacity, ttlSecondsAfterFinished, regression, null);
  }

  /** Each threshold has its line in the status; a gate needs a handful. */
  public static final int MAX_THRESHOLDS = 50;

  /**
   * The plan the workers run: target, requests and load as written, or, for a capacity search,
   * its first step (later steps are rate changes).
   */
  public Plan plan() {
    if (capacity == null) {
      return new Plan(target, requests, scenarios, load, data);
    }
    return new Plan(target, requests, scenarios, CapacityPlan.of(capacity).workerLoad(load == null ? null : load.warmup()),
        data);
  }

  /** The same test aimed at another base URL (the CLI's built-in demo target). */
  public LoadTestSpec withTargetUrl(String url) {
    Target t = target;
    Target moved = new Target(url, t.headers(), t.secretHeaders(), t.timeout(), t.http(), t.tls(), t.tracing());
    return new LoadTestSpec(moved, requests, scenarios, load, workers, thresholds, capacity, ttlSecondsAfterFinished, regression,
        data);
  }

  /** The same test compared with another baseline (or none): a schedule's child, a local run. */
  public LoadTestSpec withRegression(Regression r) {
    return new LoadTestSpec(target, requests, scenarios, load, workers, thresholds, capacity, ttlSecondsAfterFinished, r,
        data);
  }

  /** {@code workers.replicas}, 1 when unset. */
  public int replicas() {
    return workers == null || workers.replicas() == null ? 1 : workers.replicas();
  }
}
