package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where the full results live.
 *
 * @param configMap the ConfigMap holding the merged HdrHistogram interval log, for tools
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultsRef(String configMap) {}
