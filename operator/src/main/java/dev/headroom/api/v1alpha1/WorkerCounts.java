package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The worker pods of the current run.
 *
 * @param lost workers that stopped answering or failed before the run ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerCounts(Integer desired, Integer ready, Integer lost) {}
