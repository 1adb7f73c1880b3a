package dev.headroom.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.api.v1alpha1.LoadTestScheduleSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.operator.FakeCluster;
import dev.headroom.operator.policy.Policy;
import dev.headroom.schedule.NewRun;
import dev.headroom.schedule.SchedulePlanner;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconciler against a {@link FakeCluster}, on the time of a clock file as the tier-3 tests set it. */
class LoadTestScheduleReconcilerTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String TEMPLATE = """
      template:
        metadata: {labels: {team: shop}, annotations: {owner: "ops@shop"}}
        spec:
          target: {url: "http://demo-target:8080"}
          requests: [{name: browse, path: /}]
          load: {stages: [{duration: 3s, rate: 10}]}
      """;
  private static final String FIRST = "2026-12-04T17:00:00Z";
  private static final String FIRST_RUN = "nightly-29940060";

  @TempDir Path dir;
  private final FakeCluster cluster = new FakeCluster();
  private final List<LoadTest> owned = new ArrayList<>();

  private Path clockAt(String instant) throws IOException {
    return Files.writeString(dir.resolve("now"), instant + "\n");
  }

  private LoadTestScheduleReconciler reconciler(Duration poll) throws IOException {
    return reconciler(Policy.NONE, poll);
  }

  private LoadTestScheduleReconciler reconciler(Policy policy, Duration poll) throws IOException {
    return new LoadTestScheduleReconciler(cluster, policy, new FileClock(clockAt("2026-12-04T12:00:00Z")), poll);
  }

  private static LoadTestSchedule schedule(String name, String spec) throws IOException {
    LoadTestSchedule s = new LoadTestSchedule();
    s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").withUid("uid-" + name)
        .withGeneration(1L).withCreationTimestamp("2026-12-04T10:00:00Z").build());
    s.setSpec(YAML.readValue(spec + "\n" + TEMPLATE, LoadTestScheduleSpec.class));
    return s;
  }

  /** One reconcile; the status it writes becomes the schedule's, as the API server would keep it. */
  private UpdateControl<LoadTestSchedule> reconcile(LoadTestScheduleReconciler r, LoadTestSchedule s) {
    UpdateControl<LoadTestSchedule> control = r.reconcile(s, owned);
    control.getResource().ifPresent(written -> s.setStatus(written.getStatus()));
    return control;
  }

  @Test
  void aFiringCreatesTheTemplatesLoadTestOwnedByTheScheduleAndWakesAtTheNext() throws IOException {
    LoadTestScheduleReconciler r = reconciler(null);
    LoadTestSchedule s = schedule("nightly", "schedule: '0 2 * * *'\ntimeZone: Asia/Tokyo\nregression: {}");
    assertEquals(Duration.ofHours(5).toMillis(), reconcile(r, s).getScheduleDelay().orElseThrow());
    assertEquals(List.of(), cluster.names());

    clockAt(FIRST);
    UpdateControl<LoadTestSchedule> control = reconcile(r, s);
    LoadTest run = cluster.get(LoadTest.class, "LoadTest", "shop", FIRST_RUN).orElseThrow();
    assertEquals(Map.of("team", "shop", "headroom.dev/schedule", "nightly"), run.getMetadata().getLabels());
    assertEquals(Map.of("owner", "ops@shop", "headroom.dev/scheduled-time", FIRST), run.getMetadata().getAnnotations());
    OwnerReference owner = run.getMetadata().getOwnerReferences().get(0);
    assertEquals(List.of("headroom.dev/v1alpha1", "LoadTestSchedule", "nightly", "uid-nightly", "true"), List.of(
        owner.getApiVersion(), owner.getKind(), owner.getName(), owner.getUid(), owner.getController().toString()));
    assertNull(owner.getBlockOwnerDeletion(), "would need rights on the schedule's finalizers");
    assertEquals("Previous", run.getSpec().regression().baseline(), "no run passed yet");
    assertEquals(s.getSpec().template().spec().requests(), run.getSpec().requests());
    assertEquals(FIRST, s.getStatus().lastScheduleTime());
    assertEquals(List.of(FIRST_RUN), s.getStatus().active());
    assertEquals(Duration.ofDays(1).toMillis(), control.getScheduleDelay().orElseThrow());
    assertEquals(List.of("Normal Created: created " + FIRST_RUN + " for " + FIRST), cluster.events);
  }

  @Test
  void aRunAnotherOperatorCreatedForTheFiringIsTheRun() throws IOException {
    LoadTestScheduleReconciler r = reconciler(null);
    LoadTestSchedule s = schedule("nightly", "schedule: '0 2 * * *'\ntimeZone: Asia/Tokyo");
    reconcile(r, s);
    clockAt(FIRST);
    // The old leader created it just before it went; this one's cache has not seen it yet.
    cluster.createIfAbsent(ScheduledLoadTest.of(s, new NewRun(FIRST_RUN, Instant.parse(FIRST), null, List.of())));
    reconcile(r, s);
    assertEquals(List.of("LoadTest " + FIRST_RUN), cluster.names());
    assertEquals(List.of(FIRST_RUN), s.getStatus().active());
  }

  @Test
  void replaceDeletesTheRunStillGoing() throws IOException {
    LoadTestScheduleReconciler r = reconciler(null);
    LoadTestSchedule s = schedule("nightly", "schedule: '0 2 * * *'\ntimeZone: Asia/Tokyo\nconcurrencyPolicy: Replace");
    reconcile(r, s);
    clockAt(FIRST);
    reconcile(r, s);
    LoadTest first = cluster.get(LoadTest.class, "LoadTest", "shop", FIRST_RUN).orElseThrow();
    owned.add(withPhase(first, LoadTestPhase.Running));
    clockAt("2026-12-05T17:00:00Z");
    reconcile(r, s);
    assertEquals(List.of("LoadTest shop/" + FIRST_RUN), cluster.deletions);
    assertEquals(List.of("nightly-29941500"), s.getStatus().active());
    assertTrue(cluster.events.get(1).startsWith("Normal Replaced: replaced " + FIRST_RUN), cluster.events.toString());
  }

  @Test
  void aLoadTestOfTheRunsNameThatTheScheduleDoesNotControlIsNotTheRun() throws IOException {
    LoadTestScheduleReconciler r = reconciler(null);
    LoadTestSchedule s = schedule("nightly", "schedule: '0 2 * * *'\ntimeZone: Asia/Tokyo");
    reconcile(r, s);
    // A run of a deleted "nightly" the garbage collector has not reached yet: same name, other uid.
    LoadTest leftover = ScheduledLoadTest.of(schedule("nightly", "schedule: '0 2 * * *'"),
        new NewRun(FIRST_RUN, Instant.parse(FIRST), null, List.of()));
    leftover.getMetadata().getOwnerReferences().get(0).setUid("uid-of-a-deleted-nightly");
    cluster.put(leftover);
    clockAt(FIRST);
    reconcile(r, s);
    String why = "a LoadTest named " + FIRST_RUN + " exists that this schedule does not control (a user's, or a"
        + " deleted schedule's run not yet garbage-collected)";
    assertEquals(why, s.getStatus().history().get(0).skipped());
    assertNull(s.getStatus().active());
    assertEquals(List.of("Warning NameTaken: cannot create " + FIRST_RUN + ": " + why), cluster.events);
    assertEquals("uid-of-a-deleted-nightly", cluster.get(LoadTest.class, "LoadTest", "shop", FIRST_RUN).orElseThrow()
        .getMetadata().getOwnerReferences().get(0).getUid(), "left as it was");

    cluster.events.clear();
    reconcile(r, s);
    assertEquals(List.of(), cluster.events, "recorded once: the firing is not tried again");
  }

  @Test
  void aTemplateThatBreaksThePolicyIsInvalidAndNothingFires() throws IOException {
    LoadTestScheduleReconciler r = reconciler(new Policy(List.of("*.svc.cluster.local"), 5.0, null), null);
    LoadTestSchedule s = schedule("nightly", "schedule: '0 2 * * *'\ntimeZone: Asia/Tokyo");
    clockAt(FIRST);
    UpdateControl<LoadTestSchedule> control = reconcile(r, s);
    assertEquals(List.of(), cluster.names());
    assertTrue(control.getScheduleDelay().isEmpty());
    Condition valid = s.getStatus().conditions().get(0);
    assertEquals(List.of("Valid", "False"), List.of(valid.getType(), valid.getStatus()));
    assertEquals("spec.template.spec.target.url: host 'demo-target' is not allowed by the policy (allowed:"
        + " *.svc.cluster.local); spec.template.spec.load.stages[0].rate: 10 requests/s in total is more than the"
        + " policy allows (5)", valid.getMessage());
  }

  @Test
  void afterJosdksRetriesTheScheduleLooksAgainWithinAMinute() throws IOException {
    ControllerConfiguration config = LoadTestScheduleReconciler.class.getAnnotation(ControllerConfiguration.class);
    MaxReconciliationInterval max = config.maxReconciliationInterval();
    assertEquals(Duration.ofMinutes(1), Duration.of(max.interval(), max.timeUnit().toChronoUnit()),
        "what JOSDK waits once its retries are spent");

    LoadTestScheduleReconciler r = reconciler(null);
    LoadTestSchedule s = schedule("nightly", "schedule: '0 2 * * *'\ntimeZone: Asia/Tokyo");
    reconcile(r, s);
    RuntimeException outage = new RuntimeException("connect timed out");
    ErrorStatusUpdateControl<LoadTestSchedule> retrying = r.errorStatus(s, outage, false);
    assertTrue(!retrying.isNoRetry(), "JOSDK retries");
    assertEquals(SchedulePlanner.OPERATOR_ERROR + "connect timed out",
        retrying.getResource().orElseThrow().getStatus().message());
    ErrorStatusUpdateControl<LoadTestSchedule> last = r.errorStatus(s, outage, true);
    assertTrue(last.isNoRetry());
    assertEquals(60_000L, last.getScheduleDelay().orElseThrow(), "a timer, not an event, must wake it");
  }

  @Test
  void loadTestsOfAnotherScheduleOfTheSameNameAreNotItsRuns() throws IOException {
    LoadTestScheduleReconciler r = reconciler(null);
    LoadTestSchedule s = schedule("nightly", "schedule: '0 2 * * *'\ntimeZone: Asia/Tokyo");
    LoadTest stranger = ScheduledLoadTest.of(schedule("nightly", "schedule: '@daily'"),
        new NewRun("nightly-1", Instant.parse("2026-12-04T00:00:00Z"), null, List.of()));
    stranger.getMetadata().getOwnerReferences().get(0).setUid("uid-of-a-deleted-nightly");
    owned.add(withPhase(stranger, LoadTestPhase.Running));
    reconcile(r, s);
    assertNull(s.getStatus().active());
    assertEquals(List.of(), s.getStatus().history());
  }

  @Test
  void anInvalidScheduleSaysEveryProblemAtItsPathAndCreatesNothing() throws IOException {
    LoadTestScheduleReconciler r = reconciler(null);
    LoadTestSchedule s = schedule("nightly-schedule-for-the-shop-checkout-api",
        "schedule: '0 25 * * *'\ntimeZone: Mars/Olympus");
    clockAt("2026-12-05T01:00:00Z");
    UpdateControl<LoadTestSchedule> control = reconcile(r, s);
    assertEquals(List.of(), cluster.names());
    assertTrue(control.getScheduleDelay().isEmpty(), "a spec edit wakes it, not the time");
    Condition valid = s.getStatus().conditions().get(0);
    assertEquals(List.of("Valid", "False", "Invalid"), List.of(valid.getType(), valid.getStatus(), valid.getReason()));
    String message = s.getStatus().message();
    for (String path : List.of("spec.schedule: ", "spec.timeZone: ", "metadata.name: at most 39 characters")) {
      assertTrue(message.contains(path), path + " in " + message);
    }
    assertNull(s.getStatus().nextScheduleTime());
  }

  @Test
  void aTemplateThatSetsRegressionItselfIsRefused() throws IOException {
    LoadTestScheduleReconciler r = reconciler(null);
    LoadTestSchedule s = schedule("nightly", "schedule: '@hourly'");
    s.setSpec(YAML.readValue("schedule: '@hourly'\n" + TEMPLATE + "    regression: {baseline: golden}\n",
        LoadTestScheduleSpec.class));
    reconcile(r, s);
    assertTrue(s.getStatus().message().startsWith("invalid: spec.template.spec.regression: not allowed in the template"),
        s.getStatus().message());
  }

  @Test
  void aRunTheApiServerRefusesIsASkippedFiringAndAWarning() throws IOException {
    LoadTestScheduleReconciler r = reconciler(null);
    LoadTestSchedule s = schedule("nightly", "schedule: '0 2 * * *'\ntimeZone: Asia/Tokyo");
    reconcile(r, s);
    cluster.refuseCreates = "exceeded quota: count/loadtests.headroom.dev=5";
    clockAt(FIRST);
    reconcile(r, s);
    assertEquals("refused by the API server: exceeded quota: count/loadtests.headroom.dev=5",
        s.getStatus().history().get(0).skipped());
    assertEquals(FIRST, s.getStatus().lastScheduleTime(), "not retried: the next firing tries again");
    assertEquals(List.of("Warning CreateRefused: cannot create " + FIRST_RUN
        + ": exceeded quota: count/loadtests.headroom.dev=5"), cluster.events);
  }

  @Test
  void onATestClockItLooksEverySecondAndWritesNothingWhenNothingChanged() throws IOException {
    LoadTestScheduleReconciler r = reconciler(Duration.ofSeconds(1));
    LoadTestSchedule s = schedule("nightly", "schedule: '0 2 * * *'\ntimeZone: Asia/Tokyo");
    assertTrue(reconcile(r, s).isPatchStatus());
    UpdateControl<LoadTestSchedule> again = reconcile(r, s);
    assertEquals(1000L, again.getScheduleDelay().orElseThrow());
    assertTrue(!again.isPatchStatus(), "the same status is not written again");
  }

  @Test
  void aClockFileWithoutAnInstantSaysWhatItHolds() throws IOException {
    FileClock clock = new FileClock(Files.writeString(dir.resolve("now"), "tomorrow"));
    IllegalStateException e = assertThrows(IllegalStateException.class, clock::instant);
    assertEquals("the clock file " + dir.resolve("now") + " holds 'tomorrow', not an RFC 3339 instant", e.getMessage());
  }

  @Test
  void aScheduleBeingDeletedIsLeftToTheGarbageCollector() throws IOException {
    LoadTestScheduleReconciler r = reconciler(null);
    LoadTestSchedule s = schedule("nightly", "schedule: '* * * * *'");
    s.getMetadata().setDeletionTimestamp("2026-12-04T11:00:00Z");
    UpdateControl<LoadTestSchedule> control = reconcile(r, s);
    assertTrue(!control.isPatchStatus() && control.getScheduleDelay().isEmpty());
    assertEquals(List.of(), cluster.names());
  }

  private static LoadTest withPhase(LoadTest lt, LoadTestPhase phase) {
    LoadTestStatus status = new LoadTestStatus();
    status.setPhase(phase);
    lt.setStatus(status);
    return lt;
  }
}
