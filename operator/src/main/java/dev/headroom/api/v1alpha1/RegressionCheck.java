package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One metric of a run against its baseline.
 *
 * @param metric {@code p99}, {@code errorRate}, {@code capacity}, ...
 * @param change relative ({@code +35%}) for latency and capacity, in points ({@code +0.4pp}) for
 *     the error rate
 * @param confidence how sure the change is not noise, and by which test: {@code 99.97% by Mann-Whitney U on
 *     per-interval p99: p=0.0003}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegressionCheck(
    @JsonPropertyDescription("p50, p90, p99, errorRate or capacity.") String metric,
    @JsonPropertyDescription("The baseline's figure.") String baseline,
    @JsonPropertyDescription("This run's figure.") String actual,
    @JsonPropertyDescription("Relative change (+35%), or percentage points for errorRate (+0.4pp).") String change,
    @JsonPropertyDescription("The largest change allowed.") String limit,
    @JsonPropertyDescription("The test and its confidence that the change is not noise.") String confidence,
    @JsonPropertyDescription("Beyond the limit and significant.") Boolean regressed) {}
