package dev.headroom.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.api.v1alpha1.LoadTestScheduleSpec;
import dev.headroom.api.v1alpha1.LoadTestScheduleStatus;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestTemplate;
import dev.headroom.api.v1alpha1.Regression;
import dev.headroom.api.v1alpha1.ScheduledRun;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.operator.Harness;
import dev.headroom.operator.LoadTests;
import dev.headroom.testing.DemoTargetExtension;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Argo CD health check of {@code examples/gitops/loadtest-health.lua}, run by Lua 5.1 (what
 * Argo CD embeds) against LoadTests as the operator left them in real runs: not taken up yet,
 * running, passed, failed its thresholds, refused, and edited after a run. And that of {@code
 * loadtestschedule-health.lua} against schedules whose status is built from the API's records and
 * serialised by Jackson as the operator writes it (ScheduleIT checks it on real schedules too).
 */
class ArgoHealthCheckTest {

  @RegisterExtension static final DemoTargetExtension TARGET = DemoTargetExtension.fast(100);

  private static final Duration T = Duration.ofSeconds(20);

  private static LoadTest run(String name, String thresholds) {
    return LoadTests.named(name, """
        target: {url: "%s"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 2s, rate: 20}]}
        workers: {replicas: 2}
        thresholds: [%s]
        """.formatted(TARGET.url(), thresholds));
  }

  @Test
  void aLoadTestIsProgressingWhileItRunsHealthyOnPassAndDegradedOnFail() throws Exception {
    try (Harness h = new Harness(TARGET.vertx(), run("passes", "{metric: p99, max: 5s}"))) {
      assertEquals("Progressing", health(h.loadTest()).get(0), "not taken up yet");
      h.untilPhase(LoadTestPhase.Running, T);
      assertEquals("Progressing", health(h.loadTest()).get(0));
      h.untilPhase(LoadTestPhase.Succeeded, T);
      List<String> passed = health(h.loadTest());
      assertEquals(List.of("Healthy", h.status().getMessage()), passed);

      h.editSpec(h.loadTest().getSpec());
      assertEquals("Progressing", health(h.loadTest()).get(0), "a sync that changed the spec: a new run is due");
    }
    try (Harness h = new Harness(TARGET.vertx(), run("fails", "{metric: rps, min: 100000}"))) {
      h.untilPhase(LoadTestPhase.Succeeded, T);
      assertEquals("Fail", h.status().getVerdict().name());
      assertEquals(List.of("Degraded", h.status().getMessage()), health(h.loadTest()));
    }
    try (Harness h = new Harness(TARGET.vertx(), run("refused", "{metric: p99, max: 5s}"),
        Map.of("HEADROOM_POLICY_MAX_WORKERS", "1"))) {
      h.untilPhase(LoadTestPhase.Failed, T);
      List<String> refused = health(h.loadTest());
      assertEquals("Degraded", refused.get(0));
      assertTrue(refused.get(1).contains("policy"), refused.get(1));
    }
  }

  /** Argo CD's verdict on {@code lt}: its status and message, as the Lua returned them. */
  private static List<String> health(LoadTest lt) {
    return ArgoHealth.ofLoadTest(lt);
  }

  private static List<String> health(LoadTestSchedule schedule) {
    return ArgoHealth.ofSchedule(schedule);
  }


  private static final String NEXT = "2026-12-07T01:00:00Z";

  /** A schedule as the schedule reconciler writes it; the status is built from its records, so it cannot drift. */
  private static LoadTestSchedule schedule(boolean suspend, LoadTestScheduleStatus status) {
    LoadTestSchedule schedule = new LoadTestSchedule();
    schedule.setMetadata(new ObjectMetaBuilder().withName("nightly").withGeneration(2L).build());
    LoadTestSpec spec = LoadTests.named("t", """
        target: {url: "http://demo-target:8080"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 2s, rate: 20}]}
        """).getSpec();
    schedule.setSpec(new LoadTestScheduleSpec("0 2 * * *", "Europe/Berlin", suspend, null, null, null, null,
        new LoadTestTemplate(null, spec), new Regression(Regression.PREVIOUS, null, null, "20%", null, null)));
    schedule.setStatus(status);
    return schedule;
  }

  private static LoadTestScheduleStatus status(String last, List<String> active, Verdict lastVerdict,
      List<Condition> conditions, ScheduledRun... history) {
    return new LoadTestScheduleStatus(2L, last, NEXT, null, active, lastVerdict, null, "a line", conditions, List.of(history));
  }

  private static Condition condition(String type, String status, String message) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(type).withMessage(message)
        .withObservedGeneration(2L).withLastTransitionTime("2026-12-06T01:05:00Z").build();
  }

  private static ScheduledRun ran(String child, LoadTestPhase phase, Verdict verdict, Boolean regressed) {
    return new ScheduledRun("2026-12-06T01:00:00Z", child, null, phase, verdict, 20.0, "12.1ms", null, regressed);
  }

  private static final List<Condition> FINE = List.of(condition("Valid", "True", "valid"),
      condition("Regressed", "False", "nightly-29925120 did not regress"));
  private static final ScheduledRun PASSED = ran("nightly-29925120", LoadTestPhase.Succeeded, Verdict.Pass, false);
  private static final ScheduledRun SKIPPED = new ScheduledRun("2026-12-07T01:00:00Z", null,
      "nightly-29925120 still running (concurrencyPolicy Forbid)", null, null, null, null, null, null);

  @Test
  void aScheduleIsHealthyAfterAGoodRunAndProgressingBeforeItsFirstAndWhileOneRuns() throws Exception {
    assertEquals(List.of("Progressing", "waiting for the operator to take the schedule up"),
        health(schedule(false, null)));
    assertEquals(List.of("Progressing", "no run yet; the first at " + NEXT),
        health(schedule(false, status(null, null, null, List.of(condition("Valid", "True", "valid"))))));
    assertEquals(List.of("Healthy", "last verdict Pass; next run at " + NEXT),
        health(schedule(false, status("2026-12-06T01:00:00Z", null, Verdict.Pass, FINE, SKIPPED, PASSED))),
        "a skipped firing is not a run");
    assertEquals(List.of("Progressing", "running nightly-29927999"),
        health(schedule(false, status("2026-12-08T01:00:00Z", List.of("nightly-29927999"), Verdict.Fail, FINE,
            ran("nightly-29927999", null, null, null), ran("nightly-29926560", LoadTestPhase.Failed, null, null)))),
        "a run just created has no phase yet: the older failure does not decide");
    assertEquals(List.of("Progressing", "running nightly-29926560"),
        health(schedule(false, status("2026-12-07T01:00:00Z", List.of("nightly-29926560"), Verdict.Pass, FINE,
            ran("nightly-29926560", LoadTestPhase.Running, null, null), PASSED))));
  }

  @Test
  void aScheduleIsDegradedWhenInvalidRegressedOrItsNewestRunFailed() throws Exception {
    assertEquals(List.of("Degraded", "invalid: spec.timeZone: 'Europe/Berln' is not an IANA time zone"),
        health(schedule(false, status(null, null, null, List.of(
            condition("Valid", "False", "spec.timeZone: 'Europe/Berln' is not an IANA time zone"))))));
    assertEquals(List.of("Degraded", "regressed: capacity fell 23% from 990 rps (nightly-29925120)"),
        health(schedule(false, status("2026-12-07T01:00:00Z", null, Verdict.Fail, List.of(
            condition("Valid", "True", "valid"),
            condition("Regressed", "True", "capacity fell 23% from 990 rps (nightly-29925120)")),
            ran("nightly-29926560", LoadTestPhase.Succeeded, Verdict.Fail, true), PASSED))));
    assertEquals(List.of("Degraded", "nightly-29926560 Failed"),
        health(schedule(false, status("2026-12-07T01:00:00Z", null, Verdict.Fail, FINE, SKIPPED,
            ran("nightly-29926560", LoadTestPhase.Failed, null, null), PASSED))),
        "the newest finished run, under a skipped firing");
    assertEquals(List.of("Degraded", "nightly-29926560 was Cancelled"),
        health(schedule(false, status("2026-12-07T01:00:00Z", null, Verdict.Fail, FINE,
            ran("nightly-29926560", LoadTestPhase.Cancelled, null, null), PASSED))),
        "a nightly that could not run is a failed nightly");
    assertEquals(List.of("Degraded", "last verdict Fail"),
        health(schedule(false, status("2026-12-07T01:00:00Z", null, Verdict.Fail, FINE, PASSED))),
        "the failed run is gone beyond failedRunsHistoryLimit: the verdict still speaks, not the older line");
    assertEquals(List.of("Degraded", "nightly-29926560 got verdict Fail"),
        health(schedule(false, status("2026-12-07T01:00:00Z", null, Verdict.Fail, FINE,
            ran("nightly-29926560", LoadTestPhase.Succeeded, Verdict.Fail, false), PASSED))));
    assertEquals("Healthy", health(schedule(false, status("2026-12-08T01:00:00Z", null, Verdict.Pass, FINE,
        ran("nightly-29927999", LoadTestPhase.Succeeded, Verdict.Pass, false),
        ran("nightly-29926560", LoadTestPhase.Failed, null, null)))).get(0), "an older failure is history");
  }

  @Test
  void aSuspendedScheduleIsSuspendedWhateverItsLastRunAndAnEditIsProgressing() throws Exception {
    assertEquals(List.of("Suspended", "suspended: no runs until spec.suspend is false; last verdict Fail"),
        health(schedule(true, status("2026-12-07T01:00:00Z", null, Verdict.Fail, FINE,
            ran("nightly-29926560", LoadTestPhase.Succeeded, Verdict.Fail, false)))));
    LoadTestSchedule edited = schedule(false, new LoadTestScheduleStatus(1L, null, null, null, null, null, null, null,
        List.of(condition("Valid", "False", "spec.schedule: is empty")), null));
    assertEquals(List.of("Progressing", "the spec changed: generation 2 is on its way to the operator"),
        health(edited), "a fix of an invalid schedule is not judged on the old conditions");
  }
}
