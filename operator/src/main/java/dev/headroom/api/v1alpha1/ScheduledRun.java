package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One line of a schedule's history: a run it created, or a firing it skipped.
 *
 * @param loadTest the child LoadTest; absent for a skipped firing
 * @param skipped why the firing created no run, such as {@code missed by 310s
 *     (startingDeadlineSeconds 60)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduledRun(
    @JsonPropertyDescription("The instant the schedule fired for (RFC 3339).") String scheduledTime,
    @JsonPropertyDescription("The LoadTest created; absent when the firing was skipped.") String loadTest,
    @JsonPropertyDescription("Why no run was created for this firing.") String skipped,
    LoadTestPhase phase,
    Verdict verdict,
    @JsonPropertyDescription("Achieved requests per second.") Double rps,
    @JsonPropertyDescription("p99 latency of the whole run.") String p99,
    @JsonPropertyDescription("Highest sustainable rate, for a capacity search.") Double capacity,
    @JsonPropertyDescription("True when the run regressed against its baseline.") Boolean regressed) {}
