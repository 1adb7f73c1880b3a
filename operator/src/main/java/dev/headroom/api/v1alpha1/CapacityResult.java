package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
    @JsonPropertyDescription("The highest rate that met the SLO.") Double maxSustainableRps,
    @JsonPropertyDescription("The lowest rate that did not.") Double breakingRps,
    @JsonPropertyDescription("What failed first: an SLO metric (p99, errorRate) or generator.") String limitedBy,
    @JsonPropertyDescription("maxSustainableRps / currentRate, such as \"4.25x\".") String headroom,
    List<CapacityStep> steps) {}
