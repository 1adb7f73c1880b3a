package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What a schedule did: when it fired, what runs, and a line per run kept (newest first).
 *
 * <p>A record, written whole by the schedule reconciler, the only writer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadTestScheduleStatus(
    @JsonPropertyDescription("The spec generation last acted on.") Long observedGeneration,
    @JsonPropertyDescription("The latest instant the schedule fired for (RFC 3339).") String lastScheduleTime,
    @JsonPropertyDescription("The next instant it will fire for (RFC 3339); absent while suspended.")
    String nextScheduleTime,
    @JsonPropertyDescription("Firings at or before this instant fell while the schedule was suspended or invalid:"
        + " they never run, whatever is edited later (RFC 3339).")
    String passedOverUntil,
    @JsonPropertyDescription("The LoadTests of this schedule still running.") List<String> active,
    @JsonPropertyDescription("The verdict of the latest finished run; Fail when it Failed or was Cancelled.")
    Verdict lastVerdict,
    @JsonPropertyDescription("The scheduled time of the newest run a Regressed Event was recorded for (RFC 3339):"
        + " no run scheduled at or before it is announced again.")
    String lastRegressedRunTime,
    @JsonPropertyDescription("One line for humans on the latest event or problem.") String message,
    @JsonPropertyDescription("Valid, Regressed.") List<Condition> conditions,
    @JsonPropertyDescription("The runs kept and the firings skipped, newest first.") List<ScheduledRun> history) {

  /** Before the first write: nothing fired, nothing known. */
  public static final LoadTestScheduleStatus NONE =
      new LoadTestScheduleStatus(null, null, null, null, null, null, null, null, null, null);
}
