package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.plan.ApiPatterns;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * A search for the highest rate that meets the SLO, instead of fixed stages.
 *
 * <p>{@code slo} values and {@code precision} may be numbers or strings, as in {@link Threshold},
 * so their schema accepts any value and the validator checks them.
 *
 * @param slo limits per metric, as in thresholds ({@code p99: 500ms}, {@code errorRate: "1%"})
 * @param settle the start of each step that runs but is not judged
 * @param precision stop when the gap between the best passing and the first failing rate is
 *     below this fraction
 * @param currentRate today's traffic, to express the result as headroom
 * @param requiredHeadroom verdict Fail when max sustainable rate / currentRate is below this
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.startRate) || !has(self.maxRate) || self.maxRate > self.startRate",
    message = "maxRate must be > startRate",
    fieldPath = ".maxRate")
@ValidationRule(
    value = "!has(self.requiredHeadroom) || has(self.currentRate)",
    message = "requiredHeadroom needs currentRate (headroom is the highest sustainable rate / currentRate)",
    fieldPath = ".currentRate")
public record Capacity(
    @Required
    @Size(min = 1)
    @SchemaFrom(type = ObjectNode.class)
    @JsonPropertyDescription(
        "The limits a rate must meet, metric to limit as in thresholds: {p99: 500ms, errorRate: \"1%\"};"
            + " limits for one request under requests: {requests: {order: {p95: 800ms}}}; with spec.scenarios,"
            + " limits on one scenario's journeys under scenarios: {scenarios: {checkout: {p95: 3s}}}.")
    Map<String, Object> slo,
    @Required
    @Min(value = 0, inclusive = false)
    @JsonPropertyDescription("The first rate tried, requests (with spec.scenarios, journeys) per second.")
    Double startRate,
    @Required
    @Min(value = 0, inclusive = false)
    @JsonPropertyDescription("The highest rate tried, requests (with spec.scenarios, journeys) per second.")
    Double maxRate,
    @Pattern(ApiPatterns.DURATION)
    @JsonPropertyDescription("How long each rate is held, such as 30s (the default).")
    String stepDuration,
    @Pattern(ApiPatterns.DURATION)
    @JsonPropertyDescription(
        "The start of each step that is run but not judged, shorter than stepDuration: the queue the"
            + " previous rate left drains meanwhile. Default: a third of stepDuration, at most 10s.")
    String settle,
    @SchemaFrom(type = JsonNode.class)
    @JsonPropertyDescription(
        "Stop when the gap between the best passing and the first failing rate is below this fraction,"
            + " strictly between 0% and 50%: \"5%\" (the default) or 0.05.")
    String precision,
    @Min(value = 0, inclusive = false)
    @JsonPropertyDescription("Today's traffic in requests (with spec.scenarios, journeys) per second, to express the"
        + " result as headroom.")
    Double currentRate,
    @Min(value = 0, inclusive = false)
    @JsonPropertyDescription("Verdict Fail when the highest sustainable rate / currentRate is below this.")
    Double requiredHeadroom) {}
