package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a capacity search found.
 *
 * @param maxSustainableRps the highest step that met the SLO
 * @param breakingRps the lowest step that did not
 * @param limitedBy what failed first: a metric of the SLO ({@code p99}, {@code errorRate}) or
 *     {@code generator}
 * @param headroom {@code maxSustainableRps / currentRate}, such as {@code "4.25x"}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapacityResult(
    Double maxSustainableRps,
    Double breakingRps,
    String limitedBy,
    String headroom,
    List<CapacityStep> steps) {}
