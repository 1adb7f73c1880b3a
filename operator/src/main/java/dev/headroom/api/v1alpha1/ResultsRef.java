package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Where the full results live.
 *
 * @param configMap the ConfigMap holding the merged HdrHistogram interval log, for tools
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultsRef(
    @JsonPropertyDescription("The ConfigMap holding the merged HdrHistogram interval log.") String configMap) {}
