package dev.headroom.e2e.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.RequestResult;
import dev.headroom.api.v1alpha1.ScenarioResult;
import dev.headroom.api.v1alpha1.SlowTrace;
import dev.headroom.api.v1alpha1.StageResult;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.e2e.ClusterExtension;
import dev.headroom.plan.Durations;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Scenario;
import dev.headroom.plan.Stage;
import dev.headroom.plan.Step;
import dev.headroom.plan.Tracing;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example besides the quickstart and the capacity search (which run on the real node's containers,
 * {@code RealNodeE2E}) and the demo target (which every run aims at), applied with
 * {@code kubectl} as its comment says, reaches {@code Succeeded} with verdict Pass and counts that
 * match its stages: for the open model the planned requests (±1%), for the closed model no more
 * than its users can send with their think time. A Secret's value reaches the target (the demo
 * target checks it) and shows up nowhere else: not in the plan, the status or the workers' logs.
 */
@ExtendWith({ClusterExtension.class, HeadroomExtension.class})
class ExamplesIT {

  /** The examples with fixed stages, run here. */
  private static final List<String> STAGED = List.of("ramp.yaml", "thresholds-gate.yaml", "secret-headers.yaml",
      "closed-model.yaml", "tracing.yaml", "journeys.yaml", "journeys-data.yaml");
  /** The other examples, and what applies them. */
  private static final Map<String, String> ELSEWHERE = Map.of(
      "quickstart.yaml", "RealNodeE2E",
      "capacity.yaml", "RealNodeE2E",
      "nightly-capacity-schedule.yaml", "ScheduleIT",
      "demo-target.yaml", "HeadroomInstall.demoTargetUp");

  private final KubernetesClient client;
  private final LoadTests loadTests;

  ExamplesIT(KubernetesClient client, LoadTests loadTests) {
    this.client = client;
    this.loadTests = loadTests;
  }

  static List<String> staged() {
    return STAGED;
  }

  /** A new example needs a test that applies it: here, or in a class of its own named in ELSEWHERE. */
  @Test
  void everyExampleIsAppliedByATest() throws IOException {
    Set<String> files;
    try (Stream<Path> listing = Files.list(HeadroomInstall.repo().resolve("examples"))) {
      files = listing.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml") || f.endsWith(".yml"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> tested = new TreeSet<>(STAGED);
    tested.addAll(ELSEWHERE.keySet());
    assertEquals(tested, files, "examples/ and the examples tests apply: " + STAGED + " here, " + ELSEWHERE);
  }

  @ParameterizedTest
  @MethodSource("staged")
  void theExampleSucceedsWithTheCountsItsStagesPlan(String file) {
    Path manifest = HeadroomInstall.repo().resolve("examples").resolve(file);
    LoadTest example = PlannedLoad.read(manifest);
    String name = example.getMetadata().getName();
    loadTests.applyExample(file);

    LoadTestStatus s = loadTests.awaitEnd(name, 1).getStatus();
    assertEquals(LoadTestPhase.Succeeded, s.getPhase(), () -> loadTests.describe(name));
    assertEquals(Verdict.Pass, s.getVerdict(), s.getMessage());
    LoadTestSpec spec = example.getSpec();
    assertEquals(spec.replicas(), s.getWorkers().ready());
    List<Stage> stages = spec.load().stages();
    assertEquals(stages.size(), s.getStages().size());
    if (spec.load().model() == LoadModel.Closed) {
      assertClosedModelCounts(stages, s);
    } else if (spec.scenarios() != null) {
      assertJourneyCounts(spec, s, file);
    } else {
      PlannedLoad.assertMatches(PlannedLoad.requests(spec), s.getSummary().requests(), file);
      for (int i = 0; i < stages.size(); i++) {
        PlannedLoad.assertMatches(PlannedLoad.requests(stages.get(i)), s.getStages().get(i).requests(), file + " stage " + i);
      }
    }
    if (spec.target().secretHeaders() != null) {
      assertEquals(0L, s.getSummary().errors(), "every request carried the Secret's value (the demo target"
          + " answers 403 otherwise): " + s.getSummary().errorsByKind());
    }
    if (spec.target().tracing() != null) {
      assertTracesLinked(spec.target().tracing(), s);
    }
    assertSecretsStayOut(manifest, name);
  }

  /**
   * The stage rate counts journeys: the scenarios' journeys add up to what the stages plan; each
   * completed, and each of its request steps was sent once per journey.
   */
  private static void assertJourneyCounts(LoadTestSpec spec, LoadTestStatus s, String file) {
    List<ScenarioResult> scenarios = s.getScenarios();
    assertEquals(spec.scenarios().stream().map(Scenario::name).toList(),
        scenarios.stream().map(ScenarioResult::name).toList(), "every scenario in status, in spec order");
    PlannedLoad.assertMatches(PlannedLoad.requests(spec), scenarios.stream().mapToLong(ScenarioResult::started).sum(),
        file + " journeys");
    Map<String, Long> stepRequests = s.getRequests().stream()
        .collect(Collectors.toMap(RequestResult::name, RequestResult::requests));
    for (int i = 0; i < scenarios.size(); i++) {
      ScenarioResult result = scenarios.get(i);
      assertEquals(result.started(), result.completed(), result.toString());
      for (Step step : spec.scenarios().get(i).steps()) {
        if (step.request() != null) {
          assertEquals(result.started(), stepRequests.get(step.request().name()), step.request().name());
        }
      }
    }
  }

  /** A traced run names its slowest traced requests, slowest first, each linked to its trace. */
  private static void assertTracesLinked(Tracing tracing, LoadTestStatus s) {
    List<SlowTrace> traces = s.getSlowestTraces();
    assertTrue(traces != null && !traces.isEmpty(), "status.slowestTraces of a traced run: " + s);
    for (SlowTrace t : traces) {
      assertTrue(t.traceId().matches("[0-9a-f]{32}"), t.toString());
      assertEquals(tracing.linkTo(t.traceId()), t.link());
    }
  }

  /**
   * Each user waits for a response and then its think time before its next request, so a stage sends
   * at most {@code users × (duration / thinkTime + 1)} requests; against the demo target's 10 ms it
   * sends most of that, and half is a floor that a missing user or a stalled worker falls below.
   */
  private static void assertClosedModelCounts(List<Stage> stages, LoadTestStatus s) {
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      StageResult result = s.getStages().get(i);
      double seconds = Durations.parse(stage.duration()).toNanos() / 1e9;
      double think = Durations.parse(stage.thinkTime()).toNanos() / 1e9;
      long ceiling = Math.round(stage.users() * (seconds / think + 1));
      assertTrue(result.requests() >= ceiling / 2 && result.requests() <= ceiling,
          "stage " + i + ": " + result.requests() + " requests, from " + ceiling / 2 + " to " + ceiling);
    }
    assertEquals(0L, s.getSummary().errors(), s.getMessage());
  }

  /** No value of the manifest's Secrets in the run's plan, its status, or any worker's log. */
  private void assertSecretsStayOut(Path manifest, String name) {
    List<String> values = secretValues(manifest);
    if (values.isEmpty()) {
      return;
    }
    List<String> places = new ArrayList<>();
    places.add(String.valueOf(loadTests.configMap(name + "-run1-plan").map(cm -> cm.getData()).orElse(null)));
    places.add(client.getKubernetesSerialization().asJson(loadTests.named(name).get().getStatus()));
    for (Pod pod : loadTests.pods(name)) {
      places.add(client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).getLog());
    }
    for (String value : values) {
      assertFalse(places.stream().anyMatch(p -> p.contains(value)), "a Secret's value leaked into " + places);
    }
  }

  /** A CSV of test data leaks row by row: each field of its rows (its header names columns, which templates show). */
  private static List<String> secretValues(String key, String value) {
    if (!key.endsWith(".csv")) {
      return List.of(value);
    }
    return value.lines().skip(1).flatMap(line -> Arrays.stream(line.split(","))).filter(v -> !v.isBlank()).toList();
  }

  private List<String> secretValues(Path manifest) {
    try (InputStream in = Files.newInputStream(manifest)) {
      List<String> values = new ArrayList<>();
      for (HasMetadata o : client.load(in).items()) {
        if (o instanceof Secret secret && secret.getStringData() != null) {
          secret.getStringData().forEach((key, value) -> values.addAll(secretValues(key, value)));
        }
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
