package dev.headroom.schedule;

import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.Verdict;
import java.time.Instant;
import java.util.Comparator;

/**
 * What a schedule needs to know of one of its LoadTests: when it was scheduled for, where its run
 * is, and the figures its history line shows.
 *
 * @param phase null until the LoadTest reconciler has looked at it
 * @param p99 {@code status.summary.latency.p99}
 * @param capacity {@code status.capacity.maxSustainableRps}
 * @param regressed {@code status.regression.regressed}; null when it was not compared
 * @param message {@code status.message}
 * @param baseline {@code spec.regression.baseline}: the run it is compared with, when any
 * @param currentSpec its spec is the schedule's template as it is now (regression aside)
 */
public record ScheduledChild(
    String name,
    Instant scheduledTime,
    LoadTestPhase phase,
    Verdict verdict,
    Double rps,
    String p99,
    Double capacity,
    Boolean regressed,
    String message,
    String baseline,
    boolean currentSpec) {

  /** Newest scheduled first; the name breaks ties so the order never depends on the cache's. */
  public static final Comparator<ScheduledChild> NEWEST_FIRST =
      Comparator.comparing(ScheduledChild::scheduledTime).thenComparing(ScheduledChild::name).reversed();

  /** Not Succeeded, Failed or Cancelled: a run not started yet counts as running. */
  public boolean active() {
    return !LoadTestPhase.finished(phase);
  }

  /**
   * The verdict the schedule records for a finished run: its own; Fail when it Failed or was
   * Cancelled, which give none, because a nightly that could not run is a failed nightly.
   */
  public Verdict scheduleVerdict() {
    return phase == LoadTestPhase.Failed || phase == LoadTestPhase.Cancelled ? Verdict.Fail : verdict;
  }

  /** Succeeded with verdict Pass: counts against {@code successfulRunsHistoryLimit}. */
  public boolean successful() {
    return phase == LoadTestPhase.Succeeded && verdict == Verdict.Pass;
  }

  /** Failed, Cancelled or verdict Fail: counts against {@code failedRunsHistoryLimit}. */
  public boolean failed() {
    return !active() && !successful();
  }

  /** What a {@code baseline: Previous} may point at: a successful run that did not itself regress. */
  public boolean passingBaseline() {
    // A run of an older template measured another test: comparing with it would flag the edit.
    return successful() && !Boolean.TRUE.equals(regressed) && currentSpec;
  }
}
