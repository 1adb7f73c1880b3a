package dev.headroom.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.headroom.api.v1alpha1.ConcurrencyPolicy;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.api.v1alpha1.LoadTestScheduleSpec;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.Regression;
import dev.headroom.capacity.CapacityPlan;
import dev.headroom.capacity.CapacitySearch;
import dev.headroom.plan.Durations;
import dev.headroom.plan.Stage;
import dev.headroom.validation.ManifestReader;
import dev.headroom.validation.ReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest in {@code examples/} is one users copy and an end-to-end test applies: each
 * LoadTest is valid as {@code headroom run} reads it, aims at the demo target, and is short; so is
 * the LoadTest each schedule creates, and the schedule is valid as {@code headroom validate} reads it.
 */
class ExamplesTest {

  private static final Duration LONGEST_RUN = Duration.ofSeconds(30);
  /** A capacity example searches for longer than a fixed run takes, but not much. */
  private static final Duration LONGEST_SEARCH = Duration.ofSeconds(120);
  /** examples/demo-target.yaml: 10 servers of 10 ms. */
  private static final double DEMO_TARGET_RPS = 1000;
  private static final String DEMO_TARGET_URL = "http://demo-target:8080";

  static Stream<Path> loadTestExamples() throws IOException {
    return examples().stream().filter(f -> kinds(f).contains("LoadTest"));
  }

  static Stream<Path> scheduleExamples() throws IOException {
    return examples().stream().filter(f -> kinds(f).contains("LoadTestSchedule"));
  }

  private static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(RepoFiles.root().resolve("examples"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static List<JsonNode> documents(Path file) {
    try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
      List<JsonNode> all = new ArrayList<>();
      docs.forEachRemaining(d -> {
        if (d != null && !d.isMissingNode() && !d.isNull()) {
          all.add(d);
        }
      });
      return all;
    } catch (IOException e) {
      throw new AssertionError(file + " is not YAML: " + e.getMessage(), e);
    }
  }

  private static List<String> kinds(Path file) {
    return documents(file).stream().map(d -> d.path("kind").asText()).toList();
  }

  @ParameterizedTest
  @MethodSource("loadTestExamples")
  void eachLoadTestIsValidAimsAtTheDemoTargetAndIsShort(Path file) {
    ReadResult result = ManifestReader.read(file);
    assertEquals(List.of(), result.problems(), file.getFileName().toString());
    shortAgainstTheDemoTarget(result.loadTest().getSpec(), file.getFileName().toString());
  }

  @ParameterizedTest
  @MethodSource("scheduleExamples")
  void eachScheduleIsValidAndItsRunsAimAtTheDemoTargetAndAreShort(Path file) {
    List<ManifestReader.Document> schedules = ManifestReader.readAll(file).stream()
        .filter(d -> "LoadTestSchedule".equals(d.kind())).toList();
    assertEquals(1, schedules.size(), file.getFileName().toString());
    assertEquals(List.of(), schedules.get(0).problems(), file.getFileName().toString());
    LoadTestSchedule schedule = (LoadTestSchedule) schedules.get(0).resource();
    shortAgainstTheDemoTarget(schedule.getSpec().template().spec(), file.getFileName().toString());
  }

  private static void shortAgainstTheDemoTarget(LoadTestSpec spec, String file) {
    assertEquals(DEMO_TARGET_URL, spec.target().url(), file);
    Duration run = spec.load() == null || spec.load().warmup() == null ? Duration.ZERO
        : Durations.parse(spec.load().warmup());
    if (spec.capacity() != null) {
      // A search's length is its steps against the demo target, and a rest after each that breaks.
      CapacityPlan plan = CapacityPlan.of(spec.capacity());
      for (double rate : CapacitySearch.plannedRates(plan, DEMO_TARGET_RPS)) {
        run = run.plus(rate > DEMO_TARGET_RPS ? plan.step().multipliedBy(2) : plan.step());
      }
      assertTrue(run.compareTo(LONGEST_SEARCH) <= 0, file + " searches " + run + ", over " + LONGEST_SEARCH);
      return;
    }
    for (Stage s : spec.load().stages()) {
      run = run.plus(Durations.parse(s.duration()));
    }
    assertTrue(run.compareTo(LONGEST_RUN) <= 0, file + " runs " + run + ", over " + LONGEST_RUN);
  }

  /** The nightly schedule is the capacity example run every night: one edit must not drift from the other. */
  @Test
  void theNightlyScheduleRunsTheCapacityExample() {
    LoadTest capacity = ManifestReader.read(RepoFiles.root().resolve("examples/capacity.yaml")).loadTest();
    LoadTestSchedule nightly = (LoadTestSchedule) ManifestReader.readAll(
        RepoFiles.root().resolve("examples/nightly-capacity-schedule.yaml")).get(0).resource();
    LoadTestScheduleSpec spec = nightly.getSpec();

    assertEquals(capacity.getSpec(), spec.template().spec());
    assertEquals("0 2 * * *", spec.schedule());
    assertEquals("Europe/Berlin", spec.timeZone());
    assertEquals(ConcurrencyPolicy.Forbid, spec.policy());
    assertEquals(new Regression(Regression.PREVIOUS, null, null, null, null, "10%"), spec.regression());
  }

  @Test
  void everyExampleIsThereAndTheLoadTestNamesAreDistinct() throws IOException {
    List<String> names = examples().stream().map(f -> f.getFileName().toString()).toList();
    assertTrue(names.containsAll(List.of("demo-target.yaml", "quickstart.yaml", "ramp.yaml", "thresholds-gate.yaml",
        "secret-headers.yaml", "closed-model.yaml", "nightly-capacity-schedule.yaml")), names.toString());
    Set<String> seen = new HashSet<>();
    for (Path file : loadTestExamples().toList()) {
      String name = ManifestReader.read(file).loadTest().getMetadata().getName();
      assertTrue(seen.add(name), "two examples are named " + name);
    }
  }

  @Test
  void theSecretHeadersExampleShipsTheSecretItNames() {
    Path file = RepoFiles.root().resolve("examples/secret-headers.yaml");
    LoadTest lt = ManifestReader.read(file).loadTest();
    var ref = lt.getSpec().target().secretHeaders().get(0).secretKeyRef();
    JsonNode secret = documents(file).stream().filter(d -> d.path("kind").asText().equals("Secret")).findFirst().orElseThrow();
    assertEquals(ref.name(), secret.at("/metadata/name").asText());
    assertTrue(secret.at("/stringData").has(ref.key()), "the Secret has key " + ref.key());
  }

  /** With the process kubelet a Service resolves to pod IPs, so its port must be the container's. */
  @Test
  void theDemoTargetServesOnTheServicePortOfTheTestUrl() {
    List<JsonNode> docs = documents(RepoFiles.root().resolve("examples/demo-target.yaml"));
    JsonNode deployment = docs.stream().filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
    JsonNode service = docs.stream().filter(d -> d.path("kind").asText().equals("Service")).findFirst().orElseThrow();
    assertEquals("demo-target", deployment.at("/metadata/name").asText());
    assertEquals("demo-target", service.at("/metadata/name").asText());
    JsonNode container = deployment.at("/spec/template/spec/containers/0");
    assertEquals("[\"target\",\"--host\",\"$(POD_IP)\",\"--port\",\"8080\"]", container.path("args").toString());
    assertEquals("status.podIP", container.at("/env/0/valueFrom/fieldRef/fieldPath").asText(),
        "bound to the pod's address, not 0.0.0.0, so pods sharing a host's network never collide");
    assertEquals(8080, container.at("/ports/0/containerPort").asInt());
    assertEquals(8080, service.at("/spec/ports/0/port").asInt());
    assertEquals(deployment.at("/spec/selector/matchLabels"), service.at("/spec/selector"));
  }
  /**
   * The images the examples name follow the project version (the tag Jib gives both images and the
   * chart's appVersion), with no registry, as the chart's default image values name them; a user
   * who pushed the images elsewhere points them there as the demo target's comment says. The
   * real-node test (RealNodeE2E) pulls exactly this tag from its registry.
   */
  @Test
  void everyImageAnExampleNamesIsTaggedWithTheProjectVersion() throws IOException {
    String pom = Files.readString(RepoFiles.root().resolve("pom.xml"));
    java.util.regex.Matcher version = java.util.regex.Pattern
        .compile("<artifactId>headroom-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertTrue(version.find(), "the parent pom's version");
    java.util.regex.Pattern image = java.util.regex.Pattern.compile("^\\s*(?:-\\s*)?image:\\s*\"?([^\"\\s#]+)");
    List<String> seen = new ArrayList<>();
    try (Stream<Path> files = Files.walk(RepoFiles.root().resolve("examples"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          java.util.regex.Matcher m = image.matcher(line);
          if (m.find()) {
            String ref = m.group(1);
            seen.add(ref);
            assertTrue(ref.equals("headroom-operator:" + version.group(1)) || ref.equals("headroom-worker:" + version.group(1)),
                RepoFiles.root().relativize(f) + " names image " + ref + "; the examples use headroom-operator or"
                    + " headroom-worker tagged " + version.group(1) + " (the project version), without a registry");
          }
        }
      }
    }
    assertTrue(seen.contains("headroom-operator:" + version.group(1)), "examples/demo-target.yaml names the operator image: " + seen);
  }
}
