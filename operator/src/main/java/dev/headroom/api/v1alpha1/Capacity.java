package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A search for the highest rate that meets the SLO, instead of fixed stages.
 *
 * @param slo limits per metric, as in thresholds ({@code p99: 500ms}, {@code errorRate: "1%"})
 * @param precision stop when the gap between the best passing and the first failing rate is
 *     below this fraction
 * @param currentRate today's traffic, to express the result as headroom
 * @param requiredHeadroom verdict Fail when max sustainable rate / currentRate is below this
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Capacity(
    Map<String, String> slo,
    Double startRate,
    Double maxRate,
    String stepDuration,
    String precision,
    Double currentRate,
    Double requiredHeadroom) {}
