package dev.headroom.schedule;

import dev.headroom.api.v1alpha1.ConcurrencyPolicy;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.api.v1alpha1.LoadTestScheduleSpec;
import dev.headroom.api.v1alpha1.LoadTestScheduleStatus;
import dev.headroom.api.v1alpha1.ScheduledRun;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.plan.Problem;
import dev.headroom.session.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a schedule does now, from its spec, the status it last wrote, its children and the
 * time: the firing due (run, skip as missed, skip or replace for a run still going), the runs beyond
 * the history limits, and the status that results. Pure: {@link ScheduleDecision} says what to do.
 */
public final class SchedulePlanner {

  /** How the message of a failed reconcile starts; the next that succeeds does not carry it over. */
  public static final String OPERATOR_ERROR = "operator error, retrying: ";

  private final LoadTestSchedule schedule;
  private final LoadTestScheduleSpec spec;
  private final LoadTestScheduleStatus previous;
  private final List<ScheduledChild> children;
  private final List<Problem> problems;
  private final Instant now;
  private final String nowText;
  private final long generation;

  private final List<ScheduleEvent> events = new ArrayList<>();
  private final Set<String> delete = new LinkedHashSet<>();
  private NewRun create;
  private ScheduledRun skip;
  private Instant fired;
  /** The scheduled time of the newest run announced as regressed, this time or before. */
  private Instant lastRegressed;
  private String message;

  private SchedulePlanner(LoadTestSchedule schedule, List<ScheduledChild> children, List<Problem> problems,
      Instant now) {
    this.schedule = schedule;
    this.spec = schedule.getSpec();
    this.previous = schedule.getStatus() != null ? schedule.getStatus() : LoadTestScheduleStatus.NONE;
    this.children = children.stream().sorted(ScheduledChild.NEWEST_FIRST).toList();
    this.problems = List.copyOf(problems);
    this.now = now;
    this.nowText = Times.text(now);
    Long g = schedule.getMetadata().getGeneration();
    this.generation = g == null ? 0 : g;
    this.lastRegressed = Times.parse(previous.lastRegressedRunTime());
  }

  /**
   * @param children the LoadTests the schedule controls, as they are now
   * @param problems what is wrong with the schedule; any at all and nothing is created or deleted
   */
  public static ScheduleDecision plan(LoadTestSchedule schedule, List<ScheduledChild> children,
      List<Problem> problems, Instant now) {
    return new SchedulePlanner(schedule, children, problems, now).plan();
  }

  private ScheduleDecision plan() {
    boolean valid = problems.isEmpty();
    Instant next = null;
    if (valid) {
      CronSchedule cron = CronSchedule.of(spec.schedule(), spec.timeZone());
      Instant after = actedUpTo();
      if (!spec.suspended()) {
        DueFiring.find(cron, after, now, spec.startingDeadlineSeconds()).ifPresent(this::act);
        next = cron.next(Times.latest(now, after)).orElse(null);
      }
      Set<String> keep = new LinkedHashSet<>();
      PreviousPin.protectedRun(spec.regression(), children).ifPresent(b -> keep.add(b.name()));
      children.stream().filter(ScheduledChild::active).map(ScheduledChild::baseline).filter(Objects::nonNull)
          .forEach(keep::add);
      delete.addAll(HistoryLimits.excess(children, spec.successfulToKeep(), spec.failedToKeep(), keep));
    }
    announceRegressions();
    LoadTestScheduleStatus status = status(valid, next);
    Duration wake = next == null ? null : Duration.between(now, next);
    return new ScheduleDecision(create, List.copyOf(delete), List.copyOf(events), status, wake);
  }

  /**
   * Firings at or before this instant were acted on or must not run: those before the schedule
   * existed, up to the last it fired for or has a run of, and those that fell while it was suspended
   * or invalid. A status with no next firing says it was suspended or invalid until now; the
   * reconcile that finds it active again records that instant ({@link #passedOverUntil}), so the
   * pass-over holds through any later edit of the spec.
   */
  private Instant actedUpTo() {
    Instant after = Times.parse(schedule.getMetadata().getCreationTimestamp());
    after = Times.latest(after == null ? now : after, Times.parse(previous.lastScheduleTime()));
    after = Times.latest(after, Times.parse(previous.passedOverUntil()));
    if (wasIdle()) {
      after = Times.latest(after, now);
    }
    for (ScheduledChild child : children) {
      after = Times.latest(after, child.scheduledTime());
    }
    return after;
  }

  /** The last status written promised no firing: the schedule was suspended or invalid until now. */
  private boolean wasIdle() {
    return previous.observedGeneration() != null && previous.nextScheduleTime() == null;
  }

  /**
   * Up to when firings were passed over: moved to now when a schedule that was suspended or invalid
   * can fire again. Only then: the next-firing promise alone would be forgotten at the next edit.
   */
  private String passedOverUntil(boolean firing) {
    return firing && wasIdle()
        ? Times.text(Times.latest(now, Times.parse(previous.passedOverUntil())))
        : previous.passedOverUntil();
  }

  private void act(DueFiring due) {
    fired = due.at();
    String at = Times.text(due.at());
    if (due.missed()) {
      skip("missed by " + due.late().toSeconds() + "s (startingDeadlineSeconds " + spec.startingDeadlineSeconds() + ")",
          true, ScheduleEvent.MISSED_SCHEDULE);
      return;
    }
    List<ScheduledChild> running = children.stream().filter(ScheduledChild::active).toList();
    String name = RunNames.of(schedule.getMetadata().getName(), due.at());
    if (!running.isEmpty() && spec.policy() == ConcurrencyPolicy.Forbid) {
      skip(running.get(0).name() + " still running (concurrencyPolicy Forbid)", false, ScheduleEvent.SKIPPED);
      return;
    }
    List<String> replaced = running.stream().map(ScheduledChild::name).toList();
    create = new NewRun(name, due.at(), PreviousPin.pin(spec.regression(), children), replaced);
    message = "created " + name + " for " + at;
    if (!replaced.isEmpty()) {
      delete.addAll(replaced);
      message = "replaced " + String.join(", ", replaced) + ", still running, with " + name + " for " + at
          + " (concurrencyPolicy Replace)";
      events.add(new ScheduleEvent(false, ScheduleEvent.REPLACED, message));
    } else {
      events.add(new ScheduleEvent(false, ScheduleEvent.CREATED, message));
    }
  }

  private void skip(String why, boolean warning, String reason) {
    skip = ScheduleHistory.skipped(fired, why);
    message = "skipped the firing at " + Times.text(fired) + ": " + why;
    events.add(new ScheduleEvent(warning, reason, message));
  }

  /**
   * A Warning once per regressed run, oldest first: those scheduled after the newest already
   * announced ({@code status.lastRegressedRunTime}). Runs of a schedule finish in the order they
   * were scheduled (one at a time), so a time is all it takes; the history is no record of it,
   * since a run's line goes with the run while a stale cache may still show the run.
   */
  private void announceRegressions() {
    Instant announced = Times.parse(previous.lastRegressedRunTime());
    children.stream()
        .filter(c -> Boolean.TRUE.equals(c.regressed()) && (announced == null || c.scheduledTime().isAfter(announced)))
        .sorted(ScheduledChild.NEWEST_FIRST.reversed())
        .forEach(c -> {
          events.add(new ScheduleEvent(true, ScheduleEvent.REGRESSED,
              c.name() + " regressed" + (c.message() == null ? "" : ": " + c.message())));
          lastRegressed = c.scheduledTime();
        });
  }

  private LoadTestScheduleStatus status(boolean valid, Instant next) {
    List<ScheduledChild> kept = new ArrayList<>(children.stream().filter(c -> !delete.contains(c.name())).toList());
    if (create != null) {
      kept.add(0, new ScheduledChild(create.name(), create.scheduledTime(), null, null, null, null, null, null, null,
          create.regression() == null ? null : create.regression().baseline(), true));
    }
    List<String> active = kept.stream().filter(ScheduledChild::active).map(ScheduledChild::name).toList();
    Optional<ScheduledChild> finished = newestFinished();
    Verdict lastVerdict = finished.map(ScheduledChild::scheduleVerdict).orElse(previous.lastVerdict());
    List<Condition> conditions = Conditions.put(previous.conditions(), valid
        ? Conditions.of(Conditions.VALID, true, "Valid", "the schedule and its template are valid", nowText,
            generation)
        : Conditions.of(Conditions.VALID, false, "Invalid", detail(), nowText, generation));
    conditions = regressed(conditions, finished);
    String lastSchedule = fired == null ? previous.lastScheduleTime()
        : Times.text(Times.latest(fired, Times.parse(previous.lastScheduleTime())));
    return new LoadTestScheduleStatus(generation, lastSchedule, next == null ? null : Times.text(next),
        passedOverUntil(next != null), active.isEmpty() ? null : active, lastVerdict,
        lastRegressed == null ? null : Times.text(lastRegressed), message(valid, next), conditions,
        ScheduleHistory.of(kept, previous.history(), skip));
  }

  /**
   * The run the last verdict and {@code Regressed} now follow: the newest that finished since the
   * last status, when it is newer than any run that status showed finished. Otherwise they stay:
   * they never go back to an older run when a newer one is deleted by the history limits.
   */
  private Optional<ScheduledChild> newestFinished() {
    Optional<Instant> shown = ScheduleHistory.newestFinished(previous.history());
    return children.stream()
        .filter(c -> !c.active() && !ScheduleHistory.showsFinished(previous.history(), c.name()))
        .findFirst()
        .filter(c -> shown.isEmpty() || !c.scheduledTime().isBefore(shown.get()));
  }

  /**
   * True while the newest finished run regressed; False once a newer one finishes compared and not
   * regressed. A run that Failed, was Cancelled or was not compared says nothing either way.
   */
  private List<Condition> regressed(List<Condition> conditions, Optional<ScheduledChild> finished) {
    if (finished.isEmpty() || finished.get().regressed() == null) {
      return conditions;
    }
    ScheduledChild f = finished.get();
    return Conditions.put(conditions, f.regressed()
        ? Conditions.of(Conditions.REGRESSED, true, "Regressed",
            f.message() == null ? f.name() + " regressed" : f.message(), nowText, generation)
        : Conditions.of(Conditions.REGRESSED, false, "NotRegressed", f.name() + " did not regress", nowText,
            generation));
  }

  private String message(boolean valid, Instant next) {
    if (!valid) {
      return "invalid: " + detail();
    }
    if (message != null) {
      return message;
    }
    if (spec.suspended()) {
      return "suspended: no new runs until spec.suspend is false";
    }
    if (previous.nextScheduleTime() != null && previous.message() != null
        && !previous.message().startsWith(OPERATOR_ERROR)) {
      // The latest event stays the news until there is a newer one; an error is over once a
      // reconcile gets this far.
      return previous.message();
    }
    return next == null ? "the schedule fires no more" : "next run at " + Times.text(next);
  }

  /** "spec.schedule: ...; spec.timeZone: ...": every problem at its path. */
  private String detail() {
    return String.join("; ", problems.stream().map(Problem::toString).toList());
  }
}
