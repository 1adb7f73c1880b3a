package dev.headroom.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.api.v1alpha1.LoadTestScheduleSpec;
import dev.headroom.api.v1alpha1.LoadTestScheduleStatus;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.plan.Problem;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A schedule and its runs as the API server would hold them, moved on by applying each decision the
 * planner makes: created runs appear (not started), deleted ones go, the status is the one decided.
 * Tests finish runs by hand and step the time.
 */
final class ScheduleWorld {

  private static final ObjectMapper YAML = new YAMLMapper();
  static final String NAME = "nightly";
  static final String TEMPLATE = """
      template:
        spec:
          target: {url: "http://demo-target:8080"}
          requests: [{name: browse, path: /}]
          load: {stages: [{duration: 3s, rate: 10}]}
      """;

  final LoadTestSchedule schedule = new LoadTestSchedule();
  final Map<String, ScheduledChild> children = new LinkedHashMap<>();
  final List<String> deleted = new ArrayList<>();
  final List<String> events = new ArrayList<>();
  List<Problem> problems = List.of();
  ScheduleDecision last;

  /** @param specYaml the spec's fields but the template, which is {@link #TEMPLATE} */
  ScheduleWorld(String specYaml, Instant created) {
    schedule.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace("shop").withGeneration(1L)
        .withCreationTimestamp(Times.text(created)).build());
    schedule.setSpec(spec(specYaml));
  }

  static LoadTestScheduleSpec spec(String specYaml) {
    return spec(specYaml, TEMPLATE);
  }

  static LoadTestScheduleSpec spec(String specYaml, String template) {
    try {
      return YAML.readValue(specYaml + "\n" + template, LoadTestScheduleSpec.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A spec edit: the generation moves on, as the API server does it. */
  void edit(String specYaml) {
    edit(specYaml, TEMPLATE);
  }

  /** A spec edit that changes the template too ({@link #TEMPLATE} changed). */
  void edit(String specYaml, String template) {
    schedule.setSpec(spec(specYaml, template));
    schedule.getMetadata().setGeneration(schedule.getMetadata().getGeneration() + 1);
  }

  /** One reconcile at {@code now}, its decision applied. */
  ScheduleDecision at(String now) {
    last = SchedulePlanner.plan(schedule, List.copyOf(children.values()), problems, Instant.parse(now));
    last.delete().forEach(name -> {
      children.remove(name);
      deleted.add(name);
    });
    if (last.create() != null) {
      NewRun run = last.create();
      children.putIfAbsent(run.name(), new ScheduledChild(run.name(), run.scheduledTime(), null, null, null, null,
          null, null, null, run.regression() == null ? null : run.regression().baseline(), true));
    }
    last.events().forEach(e -> events.add((e.warning() ? "Warning " : "Normal ") + e.reason() + ": " + e.message()));
    schedule.setStatus(last.status());
    return last;
  }

  /** Runs that exist, with their names and scheduled times. */
  List<String> names() {
    return children.values().stream().sorted(ScheduledChild.NEWEST_FIRST.reversed()).map(ScheduledChild::name).toList();
  }

  /** A run ends the way its LoadTest reconciler ends it. */
  void finish(String name, LoadTestPhase phase, Verdict verdict, Boolean regressed) {
    ScheduledChild c = children.get(name);
    children.put(name, new ScheduledChild(name, c.scheduledTime(), phase, verdict, 101.5, "12.3ms", null, regressed,
        regressed == Boolean.TRUE ? "p99 rose 40% over " + c.baseline() : "all thresholds met", c.baseline(),
        c.currentSpec()));
  }

  /** The template was edited since {@code name} ran: it measured another test. */
  void templateEditedSince(String name) {
    ScheduledChild c = children.get(name);
    children.put(name, new ScheduledChild(name, c.scheduledTime(), c.phase(), c.verdict(), c.rps(), c.p99(),
        c.capacity(), c.regressed(), c.message(), c.baseline(), false));
  }

  void pass(String name) {
    finish(name, LoadTestPhase.Succeeded, Verdict.Pass, null);
  }

  /** A run created by an earlier reconcile (or another operator) at {@code scheduledTime}, in {@code phase}. */
  void existing(String scheduledTime, LoadTestPhase phase, Verdict verdict) {
    Instant at = Instant.parse(scheduledTime);
    String name = RunNames.of(NAME, at);
    children.put(name, new ScheduledChild(name, at, phase, verdict, null, null, null, null, null, null, true));
  }

  LoadTestScheduleStatus status() {
    return schedule.getStatus();
  }

  static String runName(String scheduledTime) {
    return RunNames.of(NAME, Instant.parse(scheduledTime));
  }
}
