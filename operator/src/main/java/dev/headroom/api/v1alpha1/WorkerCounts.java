package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The worker pods of the current run.
 *
 * @param lost workers that stopped answering or failed before the run ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerCounts(
    @JsonPropertyDescription("spec.workers.replicas of the current run.") Integer desired,
    @JsonPropertyDescription("Worker pods ready.") Integer ready,
    @JsonPropertyDescription("Workers that stopped answering or failed before the run ended.") Integer lost) {}
