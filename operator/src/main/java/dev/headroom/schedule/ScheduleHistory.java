package dev.headroom.schedule;

import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestScheduleSpec;
import dev.headroom.api.v1alpha1.ScheduledRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A schedule's {@code status.history}: a line per run it keeps and the last few firings it skipped,
 * newest first, at most {@link LoadTestScheduleSpec#MAX_HISTORY} lines.
 */
public final class ScheduleHistory {

  private static final Comparator<ScheduledRun> NEWEST_FIRST =
      Comparator.comparing((ScheduledRun r) -> Instant.parse(r.scheduledTime())).reversed();

  private ScheduleHistory() {}

  public static ScheduledRun line(ScheduledChild c) {
    return new ScheduledRun(Times.text(c.scheduledTime()), c.name(), null, c.phase(), c.verdict(), c.rps(), c.p99(),
        c.capacity(), c.regressed());
  }

  public static ScheduledRun skipped(Instant at, String why) {
    return new ScheduledRun(Times.text(at), null, why, null, null, null, null, null, null);
  }

  /**
   * @param kept the children the schedule keeps, the one just created included
   * @param previous the history last written (its skipped lines carry over)
   * @param skip the firing skipped now, or null
   */
  public static List<ScheduledRun> of(List<ScheduledChild> kept, List<ScheduledRun> previous, ScheduledRun skip) {
    List<ScheduledRun> skips = new ArrayList<>(previous == null ? List.of()
        : previous.stream().filter(r -> r.skipped() != null).toList());
    if (skip != null) {
      skips.add(skip);
    }
    return Stream.concat(
            kept.stream().map(ScheduleHistory::line),
            skips.stream().sorted(NEWEST_FIRST).limit(LoadTestScheduleSpec.MAX_SKIPPED_HISTORY))
        .sorted(NEWEST_FIRST)
        .limit(LoadTestScheduleSpec.MAX_HISTORY)
        .toList();
  }

  /** True when {@code history} already shows the run finished. */
  public static boolean showsFinished(List<ScheduledRun> history, String name) {
    return history != null
        && history.stream().anyMatch(r -> name.equals(r.loadTest()) && LoadTestPhase.finished(r.phase()));
  }

  /** The scheduled time of the newest run {@code history} shows finished. */
  public static Optional<Instant> newestFinished(List<ScheduledRun> history) {
    return history == null ? Optional.empty() : history.stream()
        .filter(r -> r.loadTest() != null && LoadTestPhase.finished(r.phase()))
        .map(r -> Instant.parse(r.scheduledTime()))
        .max(Comparator.naturalOrder());
  }
}
