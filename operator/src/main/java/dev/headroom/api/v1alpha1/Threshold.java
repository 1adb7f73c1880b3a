package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.plan.ApiPatterns;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A pass/fail gate on one metric: a latency ({@code min mean p50 p90 p95 p99 p999 max}) with a
 * duration limit, {@code errorRate} with a percentage, or {@code rps} (achieved) with a number.
 * Latencies and error rates take {@code max}; {@code rps} takes {@code min}.
 *
 * <p>In the CRD the limits accept any value ({@link SchemaFrom} {@code JsonNode}): the validator
 * reads {@code 0.001} and {@code 450} as well as {@code "1%"}, and the API server's schema has no
 * "number or string" type. The validator also checks which of the two a metric takes, since CEL
 * cannot see fields without a type.
 *
 * @param request limit the gate to one request name; all requests when absent
 * @param scenario with spec.scenarios, judge one scenario's journeys instead: latencies are journey
 *     durations, errorRate the share of journeys failed, rps journeys per second
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Threshold(
    @Required
    @Pattern(METRIC_PATTERN)
    @JsonPropertyDescription("min, mean, p50, p90, p95, p99, p999, max (latency), errorRate, or rps (achieved).")
    String metric,
    @Pattern(ApiPatterns.REQUEST_NAME)
    @JsonPropertyDescription("Limit the gate to the request of this name; all requests together when absent.")
    String request,
    @SchemaFrom(type = JsonNode.class)
    @JsonPropertyDescription(
        "The ceiling, for latencies and errorRate: a duration (500ms) for a latency, a percentage (\"1%\")"
            + " or fraction (0.01) for errorRate.")
    String max,
    @SchemaFrom(type = JsonNode.class)
    @JsonPropertyDescription("The floor, for rps: requests per second achieved (450).")
    String min,
    @Pattern(ApiPatterns.REQUEST_NAME)
    @JsonPropertyDescription("With spec.scenarios, judge this scenario's journeys instead of requests: latencies"
        + " are journey durations, errorRate the share of journeys that failed, rps journeys per second.")
    String scenario) {

  /** A threshold on requests: all of them, or one by name. */
  public Threshold(String metric, String request, String max, String min) {
    this(metric, request, max, min, null);
  }

  /** The metrics a threshold or SLO may name, as {@code dev.headroom.results.Metric} keys them. */
  public static final String METRIC_PATTERN = "^(min|mean|p50|p90|p95|p99|p999|max|errorRate|rps)$";
}
