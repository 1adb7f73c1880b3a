package dev.headroom.schedule;

import dev.headroom.api.v1alpha1.LoadTestScheduleStatus;
import dev.headroom.api.v1alpha1.ScheduledRun;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one reconcile of a schedule does, decided without touching the cluster: delete (first),
 * create, record Events, write the status, and look again after {@code wakeAfter}.
 *
 * @param create the run to create; null when none
 * @param delete LoadTests to delete: a replaced run, runs beyond the history limits
 * @param wakeAfter until the next firing; null when none is coming (suspended, invalid)
 */
public record ScheduleDecision(
    NewRun create,
    List<String> delete,
    List<ScheduleEvent> events,
    LoadTestScheduleStatus status,
    Duration wakeAfter) {

  /**
   * The same decision when the API server refused to create the run (a quota, an admission
   * policy): the firing is recorded as skipped with the server's reason instead, and not retried;
   * the next firing tries again.
   */
  public ScheduleDecision refused(String reason) {
    return notCreated("refused by the API server: " + reason, ScheduleEvent.CREATE_REFUSED, reason);
  }

  /**
   * The same decision when a LoadTest of the run's name exists that this schedule does not control
   * (a user's, or a run of a deleted schedule of the same name the garbage collector has not
   * removed yet): it is not the run, and the firing is recorded as skipped, not as created.
   */
  public ScheduleDecision nameTaken() {
    if (create == null) {
      return this;
    }
    String why = "a LoadTest named " + create.name() + " exists that this schedule does not control (a user's, or"
        + " a deleted schedule's run not yet garbage-collected)";
    return notCreated(why, ScheduleEvent.NAME_TAKEN, why);
  }

  /**
   * The firing as skipped for {@code why}: a history line and the message say so, the Event that
   * announced the run gives way to a Warning {@code reason}, and runs deleted to make room for it
   * (Replace) are said to be cancelled, which they are, not replaced.
   */
  private ScheduleDecision notCreated(String why, String reason, String detail) {
    if (create == null) {
      return this;
    }
    String name = create.name();
    String at = Times.text(create.scheduledTime());
    String cancelled = String.join(", ", create.replacing()) + ", still running";
    String skipped = create.replacing().isEmpty() ? why
        : why + "; cancelled " + cancelled + " (concurrencyPolicy Replace)";
    LoadTestScheduleStatus s = status;
    Stream<ScheduledRun> others = s.history().stream().filter(r -> !name.equals(r.loadTest()));
    List<ScheduledRun> history = Stream.concat(Stream.of(ScheduleHistory.skipped(create.scheduledTime(), skipped)),
        others).toList();
    LoadTestScheduleStatus next = new LoadTestScheduleStatus(s.observedGeneration(), s.lastScheduleTime(),
        s.nextScheduleTime(), s.passedOverUntil(), others(s.active(), name), s.lastVerdict(),
        s.lastRegressedRunTime(),
        "skipped the firing at " + at + ": " + skipped, s.conditions(), history);
    Stream<ScheduleEvent> cancellation = create.replacing().isEmpty() ? Stream.of()
        : Stream.of(new ScheduleEvent(false, ScheduleEvent.CANCELLED,
            "cancelled " + cancelled + ", for the firing at " + at + " (concurrencyPolicy Replace)"));
    List<ScheduleEvent> announced = Stream.of(
            events.stream().filter(e -> !e.reason().equals(ScheduleEvent.CREATED)
                && !e.reason().equals(ScheduleEvent.REPLACED)),
            cancellation,
            Stream.of(new ScheduleEvent(true, reason, "cannot create " + name + ": " + detail)))
        .flatMap(e -> e)
        .toList();
    return new ScheduleDecision(null, delete, announced, next, wakeAfter);
  }

  /** {@code active} without {@code name}; null for none, as the status writes it. */
  private static List<String> others(List<String> active, String name) {
    List<String> left = active == null ? List.of() : active.stream().filter(a -> !a.equals(name)).toList();
    return left.isEmpty() ? null : left;
  }
}
