package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * When to run a load test and how many runs to keep. Defaults as a CronJob's where they mean the
 * same: {@code Forbid}, 3 successful and 1 failed run kept.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadTestScheduleSpec(
    @Required
    @JsonPropertyDescription(
        "Standard five-field cron (minute hour day-of-month month day-of-week), or @hourly, @daily,"
            + " @midnight, @weekly, @monthly, @yearly.")
    String schedule,
    @JsonPropertyDescription("IANA time zone the schedule is read in, such as Europe/Berlin; UTC when unset.")
    String timeZone,
    @JsonPropertyDescription("True stops new runs; a run already going carries on.") Boolean suspend,
    @Min(MIN_STARTING_DEADLINE_SECONDS)
    @JsonPropertyDescription(
        "A firing missed by more than this many seconds (the operator was down) is skipped and recorded"
            + " instead of run late; at least 10. Unset: a missed firing runs whenever the operator gets to it.")
    Long startingDeadlineSeconds,
    @JsonPropertyDescription("Forbid (the default): skip a firing while a run is going. Replace: cancel it.")
    ConcurrencyPolicy concurrencyPolicy,
    @Min(0)
    @Max(MAX_KEPT_RUNS)
    @JsonPropertyDescription("Runs that succeeded with verdict Pass to keep; older ones are deleted. Default 3;"
        + " with failedRunsHistoryLimit at most 13.")
    Integer successfulRunsHistoryLimit,
    @Min(0)
    @Max(MAX_KEPT_RUNS)
    @JsonPropertyDescription("Runs that failed, were cancelled or got verdict Fail to keep. Default 1; with"
        + " successfulRunsHistoryLimit at most 13.")
    Integer failedRunsHistoryLimit,
    @Required @JsonPropertyDescription("The LoadTest each firing creates.") LoadTestTemplate template,
    @JsonPropertyDescription("Compare each run with a baseline and fail it when it regressed.")
    Regression regression) {

  /** Each kept run has a line in status; a schedule's history is for reading, not archiving. */
  public static final int MAX_HISTORY = 20;

  /** Lines of the history for skipped firings: enough to see a pattern without pushing the runs out. */
  public static final int MAX_SKIPPED_HISTORY = 5;

  /**
   * The most {@code successfulRunsHistoryLimit + failedRunsHistoryLimit}: every kept run keeps its
   * line, beside the skipped firings, a run going and the baseline kept beyond the limits.
   */
  public static final int MAX_KEPT_RUNS = MAX_HISTORY - MAX_SKIPPED_HISTORY - 2;

  /**
   * A firing is acted on a moment after its instant (the timer, a busy operator); a shorter
   * deadline would skip every firing as missed, as CronJob's documentation warns.
   */
  public static final long MIN_STARTING_DEADLINE_SECONDS = 10;

  public static final int DEFAULT_SUCCESSFUL_HISTORY = 3;
  public static final int DEFAULT_FAILED_HISTORY = 1;

  public boolean suspended() {
    return Boolean.TRUE.equals(suspend);
  }

  public ConcurrencyPolicy policy() {
    return concurrencyPolicy == null ? ConcurrencyPolicy.Forbid : concurrencyPolicy;
  }

  public int successfulToKeep() {
    return successfulRunsHistoryLimit == null ? DEFAULT_SUCCESSFUL_HISTORY : successfulRunsHistoryLimit;
  }

  public int failedToKeep() {
    return failedRunsHistoryLimit == null ? DEFAULT_FAILED_HISTORY : failedRunsHistoryLimit;
  }
}
