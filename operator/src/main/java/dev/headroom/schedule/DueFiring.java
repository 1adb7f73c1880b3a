package dev.headroom.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The firing a reconcile acts on: the latest one at or before now that came after every firing
 * already acted on. Several missed firings (the operator was down) count as one, as in CronJob.
 *
 * @param late how long ago it was
 * @param missed true when it is later than {@code startingDeadlineSeconds} allows: skipped, not run
 */
public record DueFiring(Instant at, Duration late, boolean missed) {

  /**
   * @param after firings at or before this were acted on (or must not run)
   * @param deadlineSeconds {@code startingDeadlineSeconds}; null: a firing may run however late
   */
  public static Optional<DueFiring> find(CronSchedule cron, Instant after, Instant now, Long deadlineSeconds) {
    return cron.latest(now).filter(at -> at.isAfter(after)).map(at -> {
      Duration late = Duration.between(at, now);
      boolean missed = deadlineSeconds != null && late.compareTo(Duration.ofSeconds(deadlineSeconds)) > 0;
      return new DueFiring(at, late, missed);
    });
  }
}
