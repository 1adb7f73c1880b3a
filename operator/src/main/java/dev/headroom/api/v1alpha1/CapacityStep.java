package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One step of a capacity search: a rate held for {@code stepDuration} and whether it met the SLO. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapacityStep(
    Double targetRps,
    Double rps,
    String p99,
    @JsonPropertyDescription("A percentage string such as \"0.5%\".") String errorRate,
    Boolean passed) {}
