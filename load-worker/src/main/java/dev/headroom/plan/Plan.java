package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a worker executes: the target, the weighted request mix or the weighted journeys
 * ({@code scenarios}) with their test {@code data}, and the load. It is the {@code target},
 * {@code requests}, {@code scenarios}, {@code load} and {@code data} of a {@code LoadTest} spec, unchanged, so the operator writes it to the plan
 * ConfigMap as-is and the CLI runs a manifest with no translation.
 *
 * <p>The model mirrors the API: durations stay strings ({@code "30s"}) and absent fields stay
 * null. {@link PlanValidator} checks it and {@link ExecutionPlan#compile} turns a valid plan into
 * the numbers the engine runs on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(Target target, List<RequestSpec> requests, List<Scenario> scenarios, Load load, List<DataSet> data) {

  /** A plan without test data. */
  public Plan(Target target, List<RequestSpec> requests, List<Scenario> scenarios, Load load) {
    this(target, requests, scenarios, load, null);
  }

  /** A plan of independent requests, as before journeys. */
  public Plan(Target target, List<RequestSpec> requests, Load load) {
    this(target, requests, null, load);
  }

  /** A plan of journeys. */
  public static Plan ofScenarios(Target target, List<Scenario> scenarios, Load load) {
    return new Plan(target, null, scenarios, load);
  }

  /** The same plan reading {@code data}. */
  public Plan withData(List<DataSet> data) {
    return new Plan(target, requests, scenarios, load, data);
  }
}
