package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One end of a soak run's trend: the first or the last window, all requests together.
 *
 * @param p99 from the window's samples' histograms merged, never an average of their p99s
 * @param requests the requests the window's figures rest on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrendWindow(
    @JsonPropertyDescription("p99 of the window's merged histogram, such as \"41.2ms\".") String p99,
    @JsonPropertyDescription("Failed share of the window's requests, such as \"0.02%\".") String errorRate,
    @JsonPropertyDescription("Requests in the window: what its figures rest on.") Long requests) {}
