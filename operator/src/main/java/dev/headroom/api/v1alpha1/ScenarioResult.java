package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/**
 * One scenario of spec.scenarios over the whole measured run: its journeys, and how long the
 * completed ones took. Each step's own figures are in {@code status.requests} under its name.
 *
 * @param rps journeys started per second over the measured time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScenarioResult(
    String name,
    @JsonPropertyDescription("Journeys that arrived (open model) or that users began (closed model).") Long started,
    @JsonPropertyDescription("Journeys whose every step was answered as expected.") Long completed,
    @JsonPropertyDescription("Journeys that ended early; started = completed + failed.") Long failed,
    @JsonPropertyDescription("Failed journeys by the kind of the step that ended them: timeout, connect, reset,"
        + " overload, capture (a captured value was missing), data (the Unique rows of spec.data had run out: never"
        + " sent), other, or status_NNN.")
    Map<String, Long> failedByKind,
    Double rps,
    @JsonPropertyDescription("Durations of completed journeys, arrival to last answer, think times included.")
    Latency duration) {}
