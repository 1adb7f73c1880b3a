package dev.headroom.schedule;

import static dev.headroom.schedule.ScheduleWorld.runName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestScheduleSpec;
import dev.headroom.api.v1alpha1.LoadTestScheduleStatus;
import dev.headroom.api.v1alpha1.Regression;
import dev.headroom.api.v1alpha1.ScheduledRun;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.plan.Problem;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulePlannerTest {

  private static final String TOKYO_2AM = "schedule: '0 2 * * *'\ntimeZone: Asia/Tokyo";
  /** Created the day before its first firing, 2026-12-05 02:00 in Tokyo (17:00 UTC on the 4th). */
  private static final Instant CREATED = Instant.parse("2026-12-04T10:00:00Z");
  private static final String FIRST = "2026-12-04T17:00:00Z";
  private static final String SECOND = "2026-12-05T17:00:00Z";

  private static ScheduleWorld tokyo(String more) {
    return new ScheduleWorld(TOKYO_2AM + "\n" + more, CREATED);
  }
  /** A Tokyo schedule whose first run, at {@link #FIRST}, passed. */
  private static ScheduleWorld passedOnce(String specFields) {
    ScheduleWorld w = tokyo(specFields);
    w.at(FIRST);
    w.pass(runName(FIRST));
    return w;
  }


  @Test
  void firesAtTheCronInstantInItsTimeZoneAndNotBefore() {
    ScheduleWorld w = tokyo("");
    ScheduleDecision before = w.at("2026-12-04T16:59:59Z");
    assertNull(before.create());
    assertEquals(FIRST, w.status().nextScheduleTime());
    assertEquals(Duration.ofSeconds(1), before.wakeAfter(), "looks again at the firing");
    assertNull(w.status().lastScheduleTime());

    ScheduleDecision at = w.at(FIRST);
    assertEquals(new NewRun("nightly-29940060", Instant.parse(FIRST), null, List.of()), at.create());
    assertEquals(FIRST, w.status().lastScheduleTime());
    assertEquals(SECOND, w.status().nextScheduleTime());
    assertEquals(List.of("nightly-29940060"), w.status().active());
    assertEquals(List.of("Normal Created: created nightly-29940060 for " + FIRST), w.events);
    assertEquals("created nightly-29940060 for " + FIRST, w.status().message());
    assertEquals(Duration.ofDays(1), at.wakeAfter());

    assertNull(w.at("2026-12-04T17:00:05Z").create(), "one run per firing");
    assertEquals(List.of("nightly-29940060"), w.names());
  }

  @Test
  void theSameFiringAlwaysNamesTheSameRunSoTwoOperatorsCreateOne() {
    assertEquals("nightly-29941500", RunNames.of("nightly", Instant.parse(SECOND)));
    assertEquals("nightly-29941500", RunNames.of("nightly", Instant.parse("2026-12-05T17:00:59Z")));
    // Two reconciles from the same status (an old and a new leader) decide the same child.
    ScheduleWorld w = tokyo("");
    w.at("2026-12-04T12:00:00Z");
    Instant now = Instant.parse("2026-12-04T17:00:01Z");
    NewRun one = SchedulePlanner.plan(w.schedule, List.of(), List.of(), now).create();
    NewRun other = SchedulePlanner.plan(w.schedule, List.of(), List.of(), now.plusSeconds(2)).create();
    assertEquals(one, other);
  }

  @Test
  void aDaylightSavingZoneFiresAtTheSameLocalTimeAcrossTheChange() {
    ScheduleWorld w = new ScheduleWorld("schedule: '0 3 * * *'\ntimeZone: Europe/Berlin",
        Instant.parse("2026-03-27T12:00:00Z"));
    w.at("2026-03-28T02:00:00Z"); // 03:00 CET
    w.pass(runName("2026-03-28T02:00:00Z"));
    assertEquals("2026-03-29T01:00:00Z", w.status().nextScheduleTime(), "03:00 CEST, an hour earlier in UTC");
    w.at("2026-03-29T01:00:00Z");
    assertEquals(List.of(runName("2026-03-28T02:00:00Z"), runName("2026-03-29T01:00:00Z")), w.names());
  }

  @Test
  void aWallClockTimeTheFallBackRepeatsRunsOnce() {
    ScheduleWorld w = new ScheduleWorld("schedule: '30 2 * * *'\ntimeZone: Europe/Berlin",
        Instant.parse("2026-10-24T12:00:00Z"));
    w.at("2026-10-25T00:30:00Z"); // 02:30 CEST
    w.pass(runName("2026-10-25T00:30:00Z"));
    assertEquals("2026-10-26T01:30:00Z", w.status().nextScheduleTime());
    assertNull(w.at("2026-10-25T01:30:00Z").create(), "02:30 CET, the same wall-clock time again");
    assertEquals(1, w.names().size());
  }

  @Test
  void nicknamesFireAtTheirInstants() {
    ScheduleWorld hourly = new ScheduleWorld("schedule: '@hourly'", Instant.parse("2026-12-04T10:20:00Z"));
    hourly.at("2026-12-04T10:30:00Z");
    assertEquals("2026-12-04T11:00:00Z", hourly.status().nextScheduleTime());
    ScheduleWorld daily = new ScheduleWorld("schedule: '@daily'\ntimeZone: America/New_York",
        Instant.parse("2026-12-04T10:20:00Z"));
    daily.at("2026-12-04T10:30:00Z");
    assertEquals("2026-12-05T05:00:00Z", daily.status().nextScheduleTime(), "midnight in New York");
    assertEquals(runName("2026-12-05T05:00:00Z"), daily.at("2026-12-05T05:00:02Z").create().name());
  }

  @Test
  void aFiringBeforeTheScheduleExistedDoesNotRun() {
    ScheduleWorld w = new ScheduleWorld(TOKYO_2AM, Instant.parse("2026-12-04T17:00:30Z"));
    assertNull(w.at("2026-12-04T17:00:40Z").create());
    assertEquals(SECOND, w.status().nextScheduleTime());
  }

  @Test
  void severalMissedFiringsRunOnceForTheLatest() {
    ScheduleWorld w = tokyo("");
    w.at("2026-12-04T12:00:00Z");
    ScheduleDecision back = w.at("2026-12-07T18:00:00Z"); // down for four firings
    assertEquals(runName("2026-12-07T17:00:00Z"), back.create().name());
    assertEquals(1, w.names().size());
  }

  @Test
  void aFiringMissedBeyondTheStartingDeadlineIsSkippedAndRecorded() {
    ScheduleWorld w = tokyo("startingDeadlineSeconds: 60");
    w.at("2026-12-04T12:00:00Z");
    ScheduleDecision late = w.at("2026-12-04T17:05:10Z");
    assertNull(late.create());
    assertEquals(FIRST, w.status().lastScheduleTime());
    assertEquals(SECOND, w.status().nextScheduleTime());
    assertEquals(List.of(new ScheduledRun(FIRST, null, "missed by 310s (startingDeadlineSeconds 60)", null, null, null,
        null, null, null)), w.status().history());
    assertEquals(List.of("Warning MissedSchedule: skipped the firing at " + FIRST
        + ": missed by 310s (startingDeadlineSeconds 60)"), w.events);
    w.at("2026-12-04T17:06:00Z");
    assertEquals(1, w.events.size(), "recorded once");
    assertEquals(1, w.status().history().size());
  }

  @Test
  void aFiringWithinTheStartingDeadlineRunsLate() {
    ScheduleWorld w = tokyo("startingDeadlineSeconds: 60");
    w.at("2026-12-04T12:00:00Z");
    assertEquals(runName(FIRST), w.at("2026-12-04T17:01:00Z").create().name());
  }

  @Test
  void forbidSkipsAFiringWhileARunIsGoingAndRecordsItOnce() {
    ScheduleWorld w = tokyo("");
    w.at(FIRST);
    w.finish(runName(FIRST), LoadTestPhase.Running, null, null);
    ScheduleDecision d = w.at(SECOND);
    assertNull(d.create());
    assertEquals(List.of(), d.delete());
    String why = runName(FIRST) + " still running (concurrencyPolicy Forbid)";
    assertEquals("Normal Skipped: skipped the firing at " + SECOND + ": " + why, w.events.get(1));
    assertEquals(SECOND, w.status().lastScheduleTime());
    assertEquals(why, w.status().history().get(0).skipped());
    assertEquals(runName(FIRST), w.status().history().get(1).loadTest());
    assertEquals(List.of(runName(FIRST)), w.status().active());
    w.at("2026-12-05T17:00:10Z");
    assertEquals(2, w.events.size());
  }

  @Test
  void replaceDeletesTheRunStillGoingAndCreatesTheNew() {
    ScheduleWorld w = tokyo("concurrencyPolicy: Replace");
    w.at(FIRST);
    w.finish(runName(FIRST), LoadTestPhase.Starting, null, null);
    ScheduleDecision d = w.at(SECOND);
    assertEquals(List.of(runName(FIRST)), d.delete());
    assertEquals(runName(SECOND), d.create().name());
    assertEquals(List.of(runName(SECOND)), w.status().active());
    assertEquals("Normal Replaced: replaced " + runName(FIRST) + ", still running, with " + runName(SECOND) + " for "
        + SECOND + " (concurrencyPolicy Replace)", w.events.get(1));
    assertEquals(List.of(runName(SECOND)), w.status().history().stream().map(ScheduledRun::loadTest).toList());
  }

  @Test
  void aSuspendedScheduleFiresNotEvenForWhatFellMeanwhileOnceResumed() {
    ScheduleWorld w = tokyo("suspend: true");
    ScheduleDecision d = w.at("2026-12-04T12:00:00Z");
    assertNull(w.status().nextScheduleTime());
    assertNull(d.wakeAfter());
    assertEquals("suspended: no new runs until spec.suspend is false", w.status().message());
    assertNull(w.at("2026-12-04T17:00:00Z").create());

    w.edit(TOKYO_2AM + "\nsuspend: false");
    assertNull(w.at("2026-12-05T10:00:00Z").create(), "the firing of the 4th fell while suspended");
    assertEquals(SECOND, w.status().nextScheduleTime());
    assertEquals("next run at " + SECOND, w.status().message());
    assertNull(w.at("2026-12-05T11:00:00Z").create(), "not on the next look either");
    assertEquals(runName(SECOND), w.at(SECOND).create().name());
    assertEquals(List.of(runName(SECOND)), w.names());
  }

  @Test
  void whatFellWhileSuspendedStaysPassedOverThroughALaterEdit() {
    ScheduleWorld w = tokyo("suspend: true");
    w.at("2026-12-04T12:00:00Z");
    w.edit(TOKYO_2AM);
    assertNull(w.at("2026-12-05T10:00:00Z").create(), "the firing of the 4th fell while suspended");
    assertEquals("2026-12-05T10:00:00Z", w.status().passedOverUntil());

    // A new generation: the next firing promised under the old one says nothing about the new.
    w.edit(TOKYO_2AM, ScheduleWorld.TEMPLATE.replace("rate: 10", "rate: 20"));
    assertNull(w.at("2026-12-05T11:00:00Z").create(), "still passed over after a template edit");
    assertEquals(List.of(), w.names());
    assertEquals(runName(SECOND), w.at(SECOND).create().name());
  }

  @Test
  void suspendingLeavesTheRunningRunAlone() {
    ScheduleWorld w = tokyo("concurrencyPolicy: Replace");
    w.at(FIRST);
    w.edit(TOKYO_2AM + "\nconcurrencyPolicy: Replace\nsuspend: true");
    ScheduleDecision d = w.at(SECOND);
    assertNull(d.create());
    assertEquals(List.of(), d.delete());
    assertEquals(List.of(runName(FIRST)), w.status().active());
  }

  @Test
  void historyLimitsDeleteTheOldestFinishedRunsOfEachKindButNeverARunningOne() {
    ScheduleWorld w = tokyo("successfulRunsHistoryLimit: 2\nfailedRunsHistoryLimit: 1");
    w.existing("2026-11-28T17:00:00Z", LoadTestPhase.Succeeded, Verdict.Pass);
    w.existing("2026-11-29T17:00:00Z", LoadTestPhase.Failed, null);
    w.existing("2026-11-30T17:00:00Z", LoadTestPhase.Succeeded, Verdict.Pass);
    w.existing("2026-12-01T17:00:00Z", LoadTestPhase.Succeeded, Verdict.Fail);
    w.existing("2026-12-02T17:00:00Z", LoadTestPhase.Cancelled, null);
    w.existing("2026-12-03T17:00:00Z", LoadTestPhase.Succeeded, Verdict.Pass);
    w.existing("2026-12-04T17:00:00Z", LoadTestPhase.Running, null);
    ScheduleDecision d = w.at("2026-12-04T18:00:00Z");
    assertEquals(List.of(runName("2026-11-28T17:00:00Z"), runName("2026-12-01T17:00:00Z"),
        runName("2026-11-29T17:00:00Z")), d.delete());
    assertEquals(List.of("2026-12-04T17:00:00Z", "2026-12-03T17:00:00Z", "2026-12-02T17:00:00Z",
        "2026-11-30T17:00:00Z"), w.status().history().stream().map(ScheduledRun::scheduledTime).toList());
    assertNull(d.create(), "the newest run is the firing of the 4th: it has already run");
  }

  @Test
  void theDefaultsKeepThreeSuccessfulRunsAndOneFailed() {
    ScheduleWorld w = tokyo("");
    for (int day = 20; day <= 27; day++) {
      w.existing("2026-11-" + day + "T17:00:00Z", LoadTestPhase.Succeeded, day % 2 == 0 ? Verdict.Pass : Verdict.Fail);
    }
    assertEquals(4, w.at("2026-11-28T12:00:00Z").delete().size());
    assertEquals(List.of(runName("2026-11-22T17:00:00Z"), runName("2026-11-24T17:00:00Z"),
        runName("2026-11-26T17:00:00Z"), runName("2026-11-27T17:00:00Z")), w.names());
  }

  @Test
  void theFirstRunComparesWithPreviousAndTheNextIsPinnedToTheLastThatPassed() {
    ScheduleWorld w = tokyo("regression: {maxP99Increase: 20%}");
    ScheduleDecision first = w.at(FIRST);
    assertEquals(new Regression("Previous", null, null, "20%", null, null), first.create().regression());
    w.pass(runName(FIRST));
    ScheduleDecision second = w.at(SECOND);
    assertEquals(new Regression(runName(FIRST), null, null, "20%", null, null), second.create().regression());

    // A run that regressed (or failed) is never the baseline: the third still compares with the first.
    w.finish(runName(SECOND), LoadTestPhase.Succeeded, Verdict.Fail, true);
    assertEquals(runName(FIRST), w.at("2026-12-06T17:00:00Z").create().regression().baseline());
  }

  @Test
  void aRunOfAnOlderTemplateIsNoBaseline() {
    ScheduleWorld w = passedOnce("regression: {}");
    // Someone doubled the rate in Git: the old run measured another test, and its p99 is no yardstick.
    w.templateEditedSince(runName(FIRST));
    assertEquals("Previous", w.at(SECOND).create().regression().baseline());
  }

  @Test
  void aBaselineNamedInTheScheduleIsKeptAsWritten() {
    ScheduleWorld w = passedOnce("regression: {baseline: golden}");
    assertEquals("golden", w.at(SECOND).create().regression().baseline());
  }

  @Test
  void theCurrentBaselineOutlivesTheHistoryLimit() {
    ScheduleWorld w = passedOnce("regression: {}\nsuccessfulRunsHistoryLimit: 0\nfailedRunsHistoryLimit: 0");
    w.at("2026-12-04T18:00:00Z");
    assertEquals(List.of(runName(FIRST)), w.names(), "the next run compares with it");
    w.at(SECOND);
    w.finish(runName(SECOND), LoadTestPhase.Succeeded, Verdict.Fail, true);
    w.at("2026-12-05T18:00:00Z");
    assertEquals(List.of(runName(FIRST)), w.names(), "the regressed run goes, the baseline stays");
  }

  @Test
  void withoutRegressionNoRunOutlivesTheLimit() {
    ScheduleWorld w = passedOnce("successfulRunsHistoryLimit: 0");
    w.at("2026-12-04T18:00:00Z");
    assertEquals(List.of(), w.names());
    assertEquals(Verdict.Pass, w.status().lastVerdict(), "the verdict outlives the run");
  }

  @Test
  void aRegressedRunSetsTheConditionAndOneWarningAndANewerPassClearsIt() {
    ScheduleWorld w = passedOnce("regression: {}");
    w.at(SECOND);
    w.finish(runName(SECOND), LoadTestPhase.Succeeded, Verdict.Fail, true);
    w.at("2026-12-05T17:10:00Z");
    Condition regressed = condition(w, "Regressed");
    assertEquals("True", regressed.getStatus());
    assertEquals("Regressed", regressed.getReason());
    assertEquals("p99 rose 40% over " + runName(FIRST), regressed.getMessage());
    assertEquals(Verdict.Fail, w.status().lastVerdict());
    String warning = "Warning Regressed: " + runName(SECOND) + " regressed: p99 rose 40% over " + runName(FIRST);
    assertEquals(warning, w.events.get(w.events.size() - 1));
    assertEquals(Boolean.TRUE, w.status().history().get(0).regressed());

    w.at("2026-12-05T17:20:00Z");
    assertEquals(1, w.events.stream().filter(e -> e.startsWith("Warning Regressed")).count(), "once per run");

    w.at("2026-12-06T17:00:00Z");
    String third = runName("2026-12-06T17:00:00Z");
    w.finish(third, LoadTestPhase.Succeeded, Verdict.Pass, false);
    w.at("2026-12-06T17:10:00Z");
    assertEquals("False", condition(w, "Regressed").getStatus());
    assertEquals(third + " did not regress", condition(w, "Regressed").getMessage());
    assertEquals(Verdict.Pass, w.status().lastVerdict());
  }

  @Test
  void aRunThatFailedOrWasCancelledMakesTheLastVerdictFail() {
    ScheduleWorld w = passedOnce("");
    w.at(SECOND);
    assertEquals(Verdict.Pass, w.status().lastVerdict());
    w.finish(runName(SECOND), LoadTestPhase.Failed, null, null);
    w.at("2026-12-05T17:10:00Z");
    assertEquals(Verdict.Fail, w.status().lastVerdict(), "a nightly that could not run is a failed nightly");

    String third = "2026-12-06T17:00:00Z";
    w.at(third);
    w.pass(runName(third));
    w.at("2026-12-06T17:10:00Z");
    assertEquals(Verdict.Pass, w.status().lastVerdict());
    String fourth = "2026-12-07T17:00:00Z";
    w.at(fourth);
    w.finish(runName(fourth), LoadTestPhase.Cancelled, null, null);
    w.at("2026-12-07T17:10:00Z");
    assertEquals(Verdict.Fail, w.status().lastVerdict());
  }

  @Test
  void onlyARunComparedAndNotRegressedClearsRegressed() {
    ScheduleWorld w = passedOnce("regression: {}");
    w.at(SECOND);
    w.finish(runName(SECOND), LoadTestPhase.Succeeded, Verdict.Fail, true);
    w.at("2026-12-05T17:10:00Z");
    assertEquals("True", condition(w, "Regressed").getStatus());

    String third = "2026-12-06T17:00:00Z";
    w.at(third);
    w.finish(runName(third), LoadTestPhase.Failed, null, null);
    w.at("2026-12-06T17:10:00Z");
    Condition regressed = condition(w, "Regressed");
    assertEquals("True", regressed.getStatus(), "a Failed run was not compared: it says nothing of the regression");
    assertEquals("p99 rose 40% over " + runName(FIRST), regressed.getMessage());
  }

  @Test
  void anOperatorErrorIsNotCarriedOverOnceAReconcileSucceeds() {
    ScheduleWorld w = tokyo("");
    w.at(FIRST);
    assertEquals("created " + runName(FIRST) + " for " + FIRST, w.status().message());
    LoadTestScheduleStatus s = w.status();
    w.schedule.setStatus(new LoadTestScheduleStatus(s.observedGeneration(), s.lastScheduleTime(),
        s.nextScheduleTime(), s.passedOverUntil(), s.active(), s.lastVerdict(), s.lastRegressedRunTime(),
        SchedulePlanner.OPERATOR_ERROR + "connection refused", s.conditions(), s.history()));
    w.at("2026-12-04T17:05:00Z");
    assertEquals("next run at " + SECOND, w.status().message());
  }

  @Test
  void aRegressedRunIsAnnouncedOnceEvenAfterItsHistoryLineIsGone() {
    ScheduleWorld w = passedOnce("regression: {}\nfailedRunsHistoryLimit: 0");
    w.at(SECOND);
    w.finish(runName(SECOND), LoadTestPhase.Succeeded, Verdict.Fail, true);
    ScheduledChild regressed = w.children.get(runName(SECOND));
    w.at("2026-12-05T17:10:00Z");
    assertEquals(List.of(runName(FIRST)), w.status().history().stream().map(ScheduledRun::loadTest).toList(),
        "deleted beyond the limit, its line gone");
    assertEquals(SECOND, w.status().lastRegressedRunTime());
    // The informer's cache still shows the deleted run for a moment.
    w.children.put(regressed.name(), regressed);
    w.at("2026-12-05T17:10:01Z");
    assertEquals(1, w.events.stream().filter(e -> e.startsWith("Warning Regressed")).count());
  }

  @Test
  void theVerdictAndRegressedNeverGoBackToAnOlderRunWhenTheNewerIsDeleted() {
    ScheduleWorld w = passedOnce("regression: {}\nfailedRunsHistoryLimit: 0");
    w.at(SECOND);
    w.finish(runName(SECOND), LoadTestPhase.Succeeded, Verdict.Fail, true);
    w.at("2026-12-05T17:10:00Z");
    assertEquals(List.of(runName(FIRST)), w.names(), "the regressed run is beyond the limit");
    w.at("2026-12-05T17:20:00Z");
    assertEquals("True", condition(w, "Regressed").getStatus());
    assertEquals(Verdict.Fail, w.status().lastVerdict());
  }

  @Test
  void historyLinesCarryEachRunsFiguresNewestFirst() {
    ScheduleWorld w = passedOnce("");
    w.at(SECOND);
    assertEquals(List.of(
            new ScheduledRun(SECOND, runName(SECOND), null, null, null, null, null, null, null),
            new ScheduledRun(FIRST, runName(FIRST), null, LoadTestPhase.Succeeded, Verdict.Pass, 101.5, "12.3ms", null,
                null)),
        w.status().history());
  }

  @Test
  void onlyTheLastFewSkippedFiringsAreKept() {
    ScheduleWorld w = new ScheduleWorld("schedule: '@hourly'", CREATED);
    w.at("2026-12-04T11:00:00Z");
    w.finish(runName("2026-12-04T11:00:00Z"), LoadTestPhase.Running, null, null);
    for (int hour = 12; hour <= 20; hour++) {
      w.at("2026-12-04T" + hour + ":00:00Z");
    }
    List<ScheduledRun> history = w.status().history();
    assertEquals(LoadTestScheduleSpec.MAX_SKIPPED_HISTORY + 1, history.size());
    assertEquals("2026-12-04T20:00:00Z", history.get(0).scheduledTime());
    assertEquals(runName("2026-12-04T11:00:00Z"), history.get(history.size() - 1).loadTest());
  }

  @Test
  void anInvalidScheduleSaysEveryProblemAtItsPathAndDoesNothing() {
    ScheduleWorld w = tokyo("successfulRunsHistoryLimit: 0");
    w.existing("2026-12-03T17:00:00Z", LoadTestPhase.Succeeded, Verdict.Pass);
    w.problems = List.of(new Problem("spec.schedule", "'0 25 * * *' is not a cron expression"),
        new Problem("spec.timeZone", "'Mars/Olympus' is not an IANA time zone"));
    ScheduleDecision d = w.at(FIRST);
    assertNull(d.create());
    assertEquals(List.of(), d.delete());
    assertNull(d.wakeAfter());
    assertNull(w.status().nextScheduleTime());
    Condition valid = condition(w, "Valid");
    assertEquals("False", valid.getStatus());
    String detail = "spec.schedule: '0 25 * * *' is not a cron expression; spec.timeZone: 'Mars/Olympus' is not an"
        + " IANA time zone";
    assertEquals(detail, valid.getMessage());
    assertEquals("invalid: " + detail, w.status().message());

    w.problems = List.of();
    w.edit(TOKYO_2AM);
    assertNull(w.at("2026-12-05T10:00:00Z").create(), "what fell while invalid does not run");
    assertEquals("True", condition(w, "Valid").getStatus());
    assertEquals(2L, condition(w, "Valid").getObservedGeneration());
    w.edit(TOKYO_2AM + "\nconcurrencyPolicy: Replace");
    assertNull(w.at("2026-12-05T11:00:00Z").create(), "nor after a later edit");
  }

  @Test
  void theValidConditionKeepsItsTransitionTimeWhileItHolds() {
    ScheduleWorld w = tokyo("");
    w.at("2026-12-04T12:00:00Z");
    w.at("2026-12-04T13:00:00Z");
    assertEquals("2026-12-04T12:00:00Z", condition(w, "Valid").getLastTransitionTime());
  }

  @Test
  void aRefusedRunIsASkippedFiring() {
    ScheduleWorld w = tokyo("");
    ScheduleDecision d = SchedulePlanner.plan(w.schedule, List.of(), List.of(), Instant.parse(FIRST))
        .refused("exceeded quota: loadtests");
    assertNull(d.create());
    assertEquals(FIRST, d.status().lastScheduleTime());
    assertNull(d.status().active());
    assertEquals(List.of(ScheduleHistory.skipped(Instant.parse(FIRST),
        "refused by the API server: exceeded quota: loadtests")), d.status().history());
    assertEquals(List.of(new ScheduleEvent(true, "CreateRefused", "cannot create " + runName(FIRST)
        + ": exceeded quota: loadtests")), d.events());
  }

  @Test
  void aRefusedReplacementSaysTheOldRunWasCancelledNotReplaced() {
    ScheduleWorld w = tokyo("concurrencyPolicy: Replace");
    w.at(FIRST);
    w.finish(runName(FIRST), LoadTestPhase.Running, null, null);
    ScheduleDecision d = SchedulePlanner.plan(w.schedule, List.copyOf(w.children.values()), List.of(),
        Instant.parse(SECOND)).refused("exceeded quota: loadtests");
    assertEquals(List.of(runName(FIRST)), d.delete(), "deleted before the create was refused");
    String cancelled = "cancelled " + runName(FIRST) + ", still running";
    assertEquals(List.of(
            new ScheduleEvent(false, "Cancelled", cancelled + ", for the firing at " + SECOND
                + " (concurrencyPolicy Replace)"),
            new ScheduleEvent(true, "CreateRefused", "cannot create " + runName(SECOND) + ": exceeded quota: loadtests")),
        d.events());
    String why = "refused by the API server: exceeded quota: loadtests; " + cancelled + " (concurrencyPolicy Replace)";
    assertEquals(why, d.status().history().get(0).skipped());
    assertEquals("skipped the firing at " + SECOND + ": " + why, d.status().message());
  }

  @Test
  void aCronEditTakesEffectFromTheLastFiring() {
    ScheduleWorld w = passedOnce("");
    w.edit("schedule: '0 * * * *'");
    ScheduleDecision d = w.at("2026-12-04T19:30:00Z");
    assertEquals(runName("2026-12-04T19:00:00Z"), d.create().name(), "hourly now: 19:00 is due");
    assertEquals("2026-12-04T20:00:00Z", w.status().nextScheduleTime());
  }

  private static Condition condition(ScheduleWorld w, String type) {
    List<Condition> found = w.status().conditions().stream().filter(c -> c.getType().equals(type)).toList();
    assertTrue(found.size() == 1, type + " in " + w.status().conditions());
    return found.get(0);
  }
}
