package dev.headroom.e2e.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.api.v1alpha1.LoadTestScheduleStatus;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.ScheduledRun;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.e2e.ClusterExtension;
import dev.headroom.gitops.ArgoHealth;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * LoadTestSchedules on the real control plane, on the clock the chart was installed with
 * ({@code extraEnv: HEADROOM_CLOCK_FILE}): each test sets the time the schedules see, and the
 * runs they create really run against the demo target. A schedule fires for any instant after its
 * creation, so each test's first firing is the first after the real now, and later ones whole days on.
 */
@ExtendWith({ClusterExtension.class, HeadroomExtension.class})
class ScheduleIT {

  private static final Duration DECIDED = Duration.ofSeconds(30);
  private static final String SCHEDULE_LABEL = "headroom.dev/schedule";

  private final KubernetesClient client;
  private final HeadroomInstall headroom;
  private final LoadTests loadTests;

  ScheduleIT(KubernetesClient client, HeadroomInstall headroom, LoadTests loadTests) {
    this.client = client;
    this.headroom = headroom;
    this.loadTests = loadTests;
  }

  @Test
  void aScheduleFiresAtItsInstantInItsTimeZoneAndNotBefore() {
    // The first 02:00 in Tokyo after the real now: the one before fell before the schedule existed.
    ZonedDateTime tokyo = ZonedDateTime.now(ZoneId.of("Asia/Tokyo"));
    ZonedDateTime twoAm = tokyo.toLocalDate().atTime(2, 0).atZone(tokyo.getZone());
    Instant at = (twoAm.isAfter(tokyo) ? twoAm : twoAm.plusDays(1)).toInstant();
    headroom.setClock(at.minusSeconds(1));
    create("nightly", "schedule: '0 2 * * *'\ntimeZone: Asia/Tokyo", ShortRun.of("x", 1, 10, 1));
    await("nightly", "the next firing at " + at, s -> at.toString().equals(s.nextScheduleTime()));
    assertEquals(List.of(), runs("nightly"), "a second before the firing");

    headroom.setClock(at);
    LoadTestScheduleStatus s = await("nightly", "the firing of " + at,
        st -> at.toString().equals(st.lastScheduleTime()));
    String name = "nightly-" + at.getEpochSecond() / 60;
    List<LoadTest> runs = runs("nightly");
    assertEquals(List.of(name), names(runs));
    assertEquals(at.toString(), runs.get(0).getMetadata().getAnnotations().get("headroom.dev/scheduled-time"));
    assertEquals(at.plus(Duration.ofDays(1)).toString(), s.nextScheduleTime());
    assertEquals(List.of(name), s.active());
    // It is a run like any other: the LoadTest reconciler runs it.
    assertEquals(LoadTestPhase.Succeeded, loadTests.awaitEnd(name, 1).getStatus().getPhase(),
        () -> loadTests.describe(name));
  }

  @Test
  void aFiringMissedBeyondTheStartingDeadlineIsSkippedAndRecorded() {
    Instant at = soon();
    headroom.setClock(at.minusSeconds(10));
    create("deadline", dailyAt(at) + "\nstartingDeadlineSeconds: 60", ShortRun.of("x", 1, 10, 1));
    await("deadline", "the next firing at " + at, s -> at.toString().equals(s.nextScheduleTime()));

    headroom.setClock(at.plusSeconds(310)); // the operator "was down" through the firing
    LoadTestScheduleStatus s = await("deadline", "the skip", st -> at.toString().equals(st.lastScheduleTime()));
    assertEquals(List.of(new ScheduledRun(at.toString(), null, "missed by 310s (startingDeadlineSeconds 60)", null,
        null, null, null, null, null)), s.history());
    assertEquals(List.of(), runs("deadline"));
    assertEquals(List.of("Warning MissedSchedule: skipped the firing at " + at
        + ": missed by 310s (startingDeadlineSeconds 60)"), events("deadline"));
  }

  @Test
  void forbidSkipsAFiringWhileARunIsGoingAndReplaceCancelsIt() {
    Instant first = soon();
    headroom.setClock(first);
    create("busy", dailyAt(first), ShortRun.of("x", 1, 5, 60));
    String running = "busy-" + first.getEpochSecond() / 60;
    loadTests.awaitPhase(running, LoadTestPhase.Running);

    Instant second = first.plus(Duration.ofDays(1));
    headroom.setClock(second);
    LoadTestScheduleStatus s = await("busy", "the Forbid skip", st -> second.toString().equals(st.lastScheduleTime()));
    assertEquals(running + " still running (concurrencyPolicy Forbid)", s.history().get(0).skipped());
    assertEquals(List.of(running), names(runs("busy")));
    assertTrue(events("busy").contains("Normal Skipped: skipped the firing at " + second + ": " + running
        + " still running (concurrencyPolicy Forbid)"), () -> events("busy").toString());

    schedules().withName("busy").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\": {\"concurrencyPolicy\": \"Replace\"}}");
    Instant third = second.plus(Duration.ofDays(1));
    headroom.setClock(third);
    String replacement = "busy-" + third.getEpochSecond() / 60;
    LoadTests.within(loadTests.named(running).informOnCondition(List::isEmpty), DECIDED,
        () -> running + " was not deleted: " + describe("busy"));
    loadTests.awaitNoPods(running, DECIDED);
    assertEquals(List.of(replacement), names(runs("busy")));
    assertTrue(events("busy").stream().anyMatch(e -> e.startsWith("Normal Replaced: replaced " + running)),
        () -> events("busy").toString());
  }

  @Test
  void aSuspendedScheduleRunsNothingAndOnResumeWaitsForTheNextFiring() {
    Instant missed = soon();
    headroom.setClock(missed.minusSeconds(30));
    create("paused", dailyAt(missed) + "\nsuspend: true", ShortRun.of("x", 1, 10, 1));
    await("paused", "suspended", s -> s.message() != null && s.message().startsWith("suspended"));
    headroom.setClock(missed.plusSeconds(5));
    LoadTestScheduleStatus s = await("paused", "a look after the firing",
        st -> st.nextScheduleTime() == null && st.observedGeneration() != null);
    assertNull(s.lastScheduleTime());

    schedules().withName("paused").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"suspend\": false}}");
    Instant next = missed.plus(Duration.ofDays(1));
    await("paused", "resumed, next at " + next, st -> next.toString().equals(st.nextScheduleTime()));
    assertEquals(List.of(), runs("paused"), "the firing that fell while suspended does not run");

    headroom.setClock(next);
    await("paused", "the firing of " + next, st -> next.toString().equals(st.lastScheduleTime()));
    assertEquals(List.of("paused-" + next.getEpochSecond() / 60), names(runs("paused")));
  }

  @Test
  void eachRunComparesWithTheLastPassingOneAndOnlyTheLimitIsKept() {
    Instant first = soon();
    Instant second = first.plus(Duration.ofDays(1));
    headroom.setClock(first);
    create("compared", dailyAt(first) + "\nsuccessfulRunsHistoryLimit: 1\nregression: {}",
        ShortRun.of("x", 1, 10, 1));
    String one = "compared-" + first.getEpochSecond() / 60;
    String two = "compared-" + second.getEpochSecond() / 60;
    await("compared", "the first run", s -> first.toString().equals(s.lastScheduleTime()));
    assertEquals("Previous", loadTests.named(one).get().getSpec().regression().baseline(), "no run passed yet");
    assertEquals(LoadTestPhase.Succeeded, loadTests.awaitEnd(one, 1).getStatus().getPhase(),
        () -> loadTests.describe(one));
    await("compared", one + " in the history as Succeeded",
        s -> s.history() != null && s.history().stream().anyMatch(r -> one.equals(r.loadTest()) && r.phase() != null
            && r.phase() == LoadTestPhase.Succeeded));

    headroom.setClock(second);
    await("compared", "the second run", s -> second.toString().equals(s.lastScheduleTime()));
    assertEquals(one, loadTests.named(two).get().getSpec().regression().baseline(), "pinned to the run that passed");
    assertEquals(List.of(one, two), names(runs("compared")), "the first is the second's baseline while it runs");

    assertEquals(LoadTestPhase.Succeeded, loadTests.awaitEnd(two, 1).getStatus().getPhase(),
        () -> loadTests.describe(two));
    LoadTests.within(loadTests.named(one).informOnCondition(List::isEmpty), DECIDED,
        () -> "the oldest run beyond the limit was not deleted: " + describe("compared"));
    LoadTestScheduleStatus s = await("compared", "one line in the history", st -> st.history().size() == 1);
    ScheduledRun line = s.history().get(0);
    assertEquals(two, line.loadTest());
    assertEquals(LoadTestPhase.Succeeded, line.phase());
    assertTrue(line.rps() != null && line.rps() > 0 && line.p99() != null, line.toString());
    assertEquals(List.of(two), names(runs("compared")));
  }

  @Test
  void aRunAfterItsTargetGotSlowerFailsAndTheScheduleSaysRegressedUntilAGoodRun() {
    // 50 ms a request: a few milliseconds of the machine's own noise stay far under the 20% limit.
    String url = headroom.demoTargetUp("nightly-target", "50ms");
    Instant first = soon();
    Instant second = first.plus(Duration.ofDays(1));
    Instant third = second.plus(Duration.ofDays(1));
    headroom.setClock(first);
    // Eight measured seconds: eight intervals for the rank test; the warmup keeps the fresh
    // worker's JIT out of them.
    String measured = ShortRun.of("x", 1, 40, 8).yaml().replace("http://demo-target:8080", url)
        .replace("load: {stages:", "load: {warmup: 2s, stages:");
    create("nightly", dailyAt(first) + "\nregression: {maxP99Increase: \"20%\"}", measured);
    String one = "nightly-" + first.getEpochSecond() / 60;
    String two = "nightly-" + second.getEpochSecond() / 60;
    String three = "nightly-" + third.getEpochSecond() / 60;
    LoadTestStatus good = loadTests.awaitEnd(one, 1).getStatus();
    assertEquals(Verdict.Pass, good.getVerdict(), () -> loadTests.describe(one));
    await("nightly", one + " in the history as passed", s -> s.history() != null
        && s.history().stream().anyMatch(r -> one.equals(r.loadTest()) && r.verdict() == Verdict.Pass));

    headroom.demoTargetUp("nightly-target", "75ms"); // the release under test is slower
    headroom.setClock(second);
    LoadTestStatus slow = loadTests.awaitEnd(two, 1).getStatus();
    assertEquals(Verdict.Fail, slow.getVerdict(), () -> loadTests.describe(two));
    assertTrue(slow.getMessage().contains("regressed against " + one + " run 1: p99 "), slow.getMessage());
    LoadTestScheduleStatus s = await("nightly", "Regressed=True", st -> "True".equals(condition(st, "Regressed")));
    assertEquals(Verdict.Fail, s.lastVerdict());
    List<String> health = ArgoHealth.ofSchedule(schedules().withName("nightly").get());
    assertEquals("Degraded", health.get(0), "Argo CD's check on the schedule as it is: " + health);
    assertTrue(health.get(1).startsWith("regressed: "), health.get(1));
    assertEquals("Degraded", ArgoHealth.ofLoadTest(loadTests.named(two).get()).get(0), "and on the run");
    assertTrue(s.history().stream().anyMatch(r -> two.equals(r.loadTest()) && Boolean.TRUE.equals(r.regressed())),
        s.history().toString());
    assertTrue(events("nightly").stream().anyMatch(e -> e.startsWith("Warning Regressed: ")),
        () -> describe("nightly"));

    headroom.demoTargetUp("nightly-target", "50ms"); // fixed
    headroom.setClock(third);
    LoadTestStatus fixed = loadTests.awaitEnd(three, 1).getStatus();
    assertEquals(one, loadTests.named(three).get().getSpec().regression().baseline(),
        "compared with the last good run, not the regressed one");
    assertEquals(Verdict.Pass, fixed.getVerdict(), () -> loadTests.describe(three));
    await("nightly", "Regressed=False", st -> "False".equals(condition(st, "Regressed")));
    assertEquals("Healthy", ArgoHealth.ofSchedule(schedules().withName("nightly").get()).get(0));

    schedules().withName("nightly").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"suspend\": true}}");
    await("nightly", "the suspend seen", st -> st.message() != null && st.message().startsWith("suspended"));
    assertEquals("Suspended", ArgoHealth.ofSchedule(schedules().withName("nightly").get()).get(0));
  }

  private static String condition(LoadTestScheduleStatus s, String type) {
    return s.conditions() == null ? null : s.conditions().stream().filter(c -> c.getType().equals(type))
        .map(Condition::getStatus).findFirst().orElse(null);
  }

  @Test
  void theNightlyExampleFiresTheCapacitySearchAtTwoInBerlin() {
    headroom.setClock(soon());
    loadTests.applyExample("nightly-capacity-schedule.yaml");
    ZonedDateTime berlin = soon().atZone(ZoneId.of("Europe/Berlin"));
    ZonedDateTime two = berlin.toLocalDate().atTime(2, 0).atZone(berlin.getZone());
    Instant at = (two.isAfter(berlin) ? two : two.plusDays(1)).toInstant();
    await("nightly-capacity", "the next firing at " + at, st -> at.toString().equals(st.nextScheduleTime()));

    headroom.setClock(at);
    await("nightly-capacity", "the firing of " + at, st -> at.toString().equals(st.lastScheduleTime()));
    List<LoadTest> runs = runs("nightly-capacity");
    assertEquals(List.of("nightly-capacity-" + at.getEpochSecond() / 60), names(runs));
    assertTrue(runs.get(0).getSpec().capacity() != null, "the template is the capacity search");
    assertEquals("Previous", runs.get(0).getSpec().regression().baseline(), "the first run has no baseline yet");
    // The search itself is CapacityIT's: deleting the schedule cancels this one with it.
    schedules().withName("nightly-capacity").delete();
    LoadTests.within(loadTests.named(runs.get(0).getMetadata().getName()).informOnCondition(List::isEmpty), DECIDED,
        () -> "the schedule's run outlived it: " + names(runs("nightly-capacity")));
  }

  @Test
  void anOperatorRestartedAtTheFiringCreatesExactlyOneRun() {
    Instant at = soon();
    headroom.setClock(at.minusSeconds(5));
    create("restart", dailyAt(at), ShortRun.of("x", 1, 10, 1));
    await("restart", "the next firing at " + at, s -> at.toString().equals(s.nextScheduleTime()));
    Pod first = headroom.operatorPod();

    headroom.setClock(at);
    client.pods().inNamespace(headroom.operatorNamespace()).withName(first.getMetadata().getName()).delete();
    client.pods().inNamespace(headroom.operatorNamespace()).withName(first.getMetadata().getName())
        .waitUntilCondition(p -> p == null, 60, TimeUnit.SECONDS);
    headroom.awaitOperatorReady();
    assertNotEquals(first.getMetadata().getUid(), headroom.operatorPod().getMetadata().getUid());

    await("restart", "the firing of " + at, s -> at.toString().equals(s.lastScheduleTime()));
    assertEquals(List.of("restart-" + at.getEpochSecond() / 60), names(runs("restart")));
  }

  @Test
  void aBadCronAndAnUnknownTimeZoneAreNamedAndNothingIsCreated() {
    headroom.setClock(soon());
    create("broken", "schedule: '0 25 * * *'\ntimeZone: Mars/Olympus", ShortRun.of("x", 1, 10, 1));
    LoadTestScheduleStatus s = await("broken", "Valid=False",
        st -> st.conditions() != null && st.conditions().stream().anyMatch(c -> c.getType().equals("Valid")));
    Condition valid = s.conditions().stream().filter(c -> c.getType().equals("Valid")).findFirst().orElseThrow();
    assertEquals("False", valid.getStatus(), s.message());
    assertTrue(valid.getMessage().contains("spec.schedule: '0 25 * * *' is not a cron expression"), valid.getMessage());
    assertTrue(valid.getMessage().contains("spec.timeZone: 'Mars/Olympus' is not an IANA time zone"),
        valid.getMessage());
    assertTrue(s.message().startsWith("invalid: "), s.message());
    assertNull(s.nextScheduleTime());
    headroom.setClock(soon().plus(Duration.ofDays(1)));
    assertEquals(List.of(), runs("broken"));
  }

  /**
   * A few minutes after the real now, on the minute: the first firing of {@link #dailyAt} it, and
   * after the schedule's creation. A schedule fires for any instant after its creation, so a test
   * that set the clock days ahead would see the firings of the days between fire first.
   */
  private static Instant soon() {
    return Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(5));
  }

  /** A cron field that fires daily at {@code at}'s time of day (UTC): {@code at} plus whole days. */
  private static String dailyAt(Instant at) {
    ZonedDateTime t = at.atZone(ZoneOffset.UTC);
    return "schedule: '" + t.getMinute() + " " + t.getHour() + " * * *'";
  }

  /** A schedule whose template is {@code run}'s spec, applied as a user would write it. */
  private void create(String name, String specFields, ShortRun run) {
    create(name, specFields, run.yaml());
  }

  /** A schedule whose template is the spec of the LoadTest {@code loadTestYaml}. */
  private void create(String name, String specFields, String loadTestYaml) {
    String template = loadTestYaml.substring(loadTestYaml.indexOf("spec:\n") + "spec:\n".length()).lines()
        .map(l -> "      " + l).collect(Collectors.joining("\n"));
    String yaml = "apiVersion: headroom.dev/v1alpha1\nkind: LoadTestSchedule\nmetadata: {name: " + name + "}\nspec:\n"
        + specFields.lines().map(l -> "  " + l).collect(Collectors.joining("\n"))
        + "\n  template:\n    spec:\n" + template + "\n";
    loadTests.create(yaml);
  }

  private NonNamespaceOperation<LoadTestSchedule, KubernetesResourceList<LoadTestSchedule>, Resource<LoadTestSchedule>>
      schedules() {
    return client.resources(LoadTestSchedule.class).inNamespace(headroom.namespace());
  }

  /** The schedule's status once {@code condition} holds; fails with its status, Events and the operator log. */
  private LoadTestScheduleStatus await(String name, String what, Predicate<LoadTestScheduleStatus> condition) {
    try {
      return schedules().withName(name).waitUntilCondition(s -> s != null && s.getStatus() != null
          && condition.test(s.getStatus()), DECIDED.toSeconds(), TimeUnit.SECONDS).getStatus();
    } catch (KubernetesClientTimeoutException e) {
      throw new AssertionError("LoadTestSchedule " + name + ": no " + what + " within " + DECIDED.toSeconds() + "s\n"
          + describe(name), e);
    }
  }

  private String describe(String name) {
    LoadTestSchedule s = schedules().withName(name).get();
    return "status: " + (s == null ? "(gone)" : client.getKubernetesSerialization().asJson(s.getStatus()))
        + "\nruns: " + names(runs(name)) + "\nevents:\n" + String.join("\n", events(name))
        + "\noperator log:\n" + headroom.operatorLog();
  }

  /** The schedule's runs, oldest first. */
  private List<LoadTest> runs(String schedule) {
    return client.resources(LoadTest.class).inNamespace(headroom.namespace()).withLabel(SCHEDULE_LABEL, schedule)
        .list().getItems().stream().filter(lt -> lt.getMetadata().getDeletionTimestamp() == null)
        .sorted(Comparator.comparing(lt -> lt.getMetadata().getName())).toList();
  }

  private static List<String> names(List<LoadTest> runs) {
    return runs.stream().map(lt -> lt.getMetadata().getName()).toList();
  }

  /** The schedule's Events, oldest first, as {@code type reason: message}. */
  private List<String> events(String name) {
    return client.v1().events().inNamespace(headroom.namespace()).withField("involvedObject.name", name).list()
        .getItems().stream()
        .filter(e -> "LoadTestSchedule".equals(e.getInvolvedObject().getKind()))
        .sorted(Comparator.comparing(e -> e.getMetadata().getCreationTimestamp()))
        .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage())
        .toList();
  }
}
