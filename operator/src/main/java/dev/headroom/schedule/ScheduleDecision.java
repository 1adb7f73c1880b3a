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
    if (create == null) {
      return this;
    }
    String why = "refused by the API server: " + reason;
    String name = create.name();
    LoadTestScheduleStatus s = status;
    Stream<ScheduledRun> others = s.history().stream().filter(r -> !name.equals(r.loadTest()));
    List<ScheduledRun> history = Stream.concat(Stream.of(ScheduleHistory.skipped(create.scheduledTime(), why)), others)
        .toList();
    String message = "skipped the firing at " + Times.text(create.scheduledTime()) + ": " + why;
    LoadTestScheduleStatus next = new LoadTestScheduleStatus(s.observedGeneration(), s.lastScheduleTime(),
        s.nextScheduleTime(), s.passedOverUntil(), others(s.active(), name), s.lastVerdict(), message,
        s.conditions(), history);
    List<ScheduleEvent> announced = Stream.concat(
        events.stream().filter(e -> !e.reason().equals(ScheduleEvent.CREATED)),
        Stream.of(new ScheduleEvent(true, ScheduleEvent.CREATE_REFUSED, "cannot create " + name + ": " + reason)))
        .toList();
    return new ScheduleDecision(null, delete, announced, next, wakeAfter);
  }

  /** {@code active} without {@code name}; null for none, as the status writes it. */
  private static List<String> others(List<String> active, String name) {
    List<String> left = active == null ? List.of() : active.stream().filter(a -> !a.equals(name)).toList();
    return left.isEmpty() ? null : left;
  }
}
