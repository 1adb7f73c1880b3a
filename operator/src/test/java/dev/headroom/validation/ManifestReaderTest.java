package dev.headroom.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.Workers;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Problem;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

  private static final String HEADER = """
      apiVersion: headroom.dev/v1alpha1
      kind: LoadTest
      metadata: {name: t}
      """;
  private static final String TARGET = "target: {url: \"http://127.0.0.1:8080\"}\n";
  private static final String REQUESTS = "requests: [{name: browse, path: /}]\n";
  private static final String LOAD = "load: {stages: [{duration: 30s, rate: 100}]}\n";

  private static Path manifest(String name) throws URISyntaxException {
    return Path.of(ManifestReaderTest.class.getResource("/manifests/" + name).toURI());
  }

  private static LoadTest valid(String name) throws URISyntaxException {
    ReadResult result = ManifestReader.read(manifest(name));
    assertEquals(List.of(), result.problems());
    assertTrue(result.isValid());
    return result.loadTest();
  }

  private static List<String> problems(String text) {
    ReadResult result = ManifestReader.parse(text);
    assertFalse(result.isValid(), "expected problems");
    assertNull(result.loadTest());
    return result.problems().stream().map(Problem::toString).toList();
  }

  /** Problems of a manifest whose spec is {@code spec} (YAML lines at the spec's level). */
  private static List<String> specProblems(String spec) {
    return problems(HEADER + "spec:\n" + spec.indent(2));
  }

  @Test
  void anOpenModelRampWithEveryTargetAndWorkerOptionIsReadWhole() throws Exception {
    LoadTest lt = valid("open-ramp.yaml");
    LoadTestSpec spec = lt.getSpec();

    assertEquals("checkout", lt.getMetadata().getName());
    assertEquals("payments", lt.getMetadata().getLabels().get("team"));
    assertEquals("headroom.dev/v1alpha1", lt.getApiVersion());
    assertEquals(1000.0, spec.load().stages().get(0).rampTo());
    assertEquals("checkout-token", spec.target().secretHeaders().get(0).secretKeyRef().name());
    assertEquals(List.of(200), spec.requests().get(0).expectStatus());
    assertEquals("512Mi", spec.workers().resources().getRequests().get("memory").toString());
    assertEquals("NoSchedule", spec.workers().tolerations().get(0).getEffect());
    assertEquals(Workers.FailurePolicy.Continue, spec.workers().failurePolicy());
    assertEquals(600, spec.ttlSecondsAfterFinished());
  }

  @Test
  void aClosedModelWithThinkTimeAndNoNameIsValid() throws Exception {
    LoadTest lt = valid("closed-think-time.yaml");

    assertEquals(LoadModel.Closed, lt.getSpec().load().model());
    assertEquals("100ms", lt.getSpec().load().stages().get(0).thinkTime());
    assertNull(lt.getMetadata().getName());
  }

  @Test
  void thresholdsAndACapacitySearchAreValid() throws Exception {
    assertEquals(5, valid("thresholds.yaml").getSpec().thresholds().size());
    assertEquals("5%", valid("capacity.yaml").getSpec().capacity().precision());
  }

  @Test
  void theOneLoadTestOfAFileWithSeveralDocumentsIsRead() throws Exception {
    assertEquals("with-secret", valid("with-secret.yaml").getMetadata().getName());
  }

  @Test
  void jsonIndentedWithTabsIsRead() throws Exception {
    assertEquals(100.0, valid("tabs.json").getSpec().load().stages().get(0).rate());
  }

  @Test
  void statusIsOutputAndIgnoredOnInput() {
    ReadResult result = ManifestReader.parse(HEADER + "spec:\n" + (TARGET + REQUESTS + LOAD).indent(2) + "status: {phase: Running, run: 2}\n");

    assertEquals(List.of(), result.problems());
  }

  @Test
  void aManifestWithThreeDifferentProblemsReportsAllThree() throws Exception {
    ReadResult result = ManifestReader.read(manifest("three-problems.yaml"));

    assertEquals(
        List.of(
            "spec.target.timeout: must be a string, got an object",
            "spec.requests[0].wieght: unknown field (did you mean weight?)",
            "spec.load.stages[0].rate: must be > 0"),
        result.problems().stream().map(Problem::toString).toList());
  }

  @Test
  void wrongTypesNameTheFieldTheExpectedTypeAndWhatWasThere() {
    assertEquals(
        List.of("spec.load.stages[0].rate: must be a number, got 'fast'"),
        specProblems(TARGET + REQUESTS + "load: {stages: [{duration: 30s, rate: fast}]}"));
    assertEquals(
        List.of(
            "spec.load.model: must be one of Open, Closed, got 'closed' (did you mean Closed?)",
            "spec.load.stages[0].users: must be a whole number, got 1.5",
            "spec.workers.replicas: must be between -2147483648 and 2147483647, got 99999999999",
            "spec.workers.failurePolicy: must be one of Continue, Fail, got 'Stop'"),
        specProblems(TARGET + REQUESTS + """
            load: {model: closed, stages: [{duration: 30s, users: 1.5}]}
            workers: {replicas: 99999999999, failurePolicy: Stop}
            """));
    assertEquals(
        List.of(
            "spec.target.headers: must be a map, got a list",
            "spec.requests[0]: must be an object, got 'browse'",
            "spec.load.stages: must be a list, got '30s'"),
        specProblems("""
            target: {url: "http://127.0.0.1:8080", headers: [Accept]}
            requests: [browse]
            load: {stages: 30s}
            """));
  }

  @Test
  void aValueOfTheWrongTypeIsNotAlsoReportedAsMissing() {
    assertEquals(
        List.of("spec.load: must be an object, got 'fast'"),
        specProblems(TARGET + REQUESTS + "load: fast"));
  }

  @Test
  void unknownFieldsAreReportedWithTheClosestKnownName() {
    assertEquals(
        List.of(
            "spec.load.stagez: unknown field (did you mean stages?)",
            "spec.load.stages: must list at least one stage"),
        specProblems(TARGET + REQUESTS + "load: {stagez: [{duration: 30s, rate: 100}]}"));
    assertEquals(
        List.of(
            "spec.target.http.conections: unknown field (did you mean connections?)",
            "spec.target.tls.verify: unknown field",
            "spec.target.tls.check: unknown field",
            "spec.workers.resources.limitz: unknown field (did you mean limits?)"),
        specProblems("""
            target: {url: "http://127.0.0.1:8080", http: {conections: 3, version: HTTP_2}, tls: {verify: false, insecureSkipVerify: true, check: 1}}
            requests: [{name: browse}]
            load: {stages: [{duration: 30s, rate: 100}]}
            workers: {resources: {limitz: {cpu: "1"}}}
            """));
  }

  @Test
  void unknownFieldsAtTheTopAndInMetadataAreReportedToo() {
    assertEquals(
        List.of("metadata.lables: unknown field (did you mean labels?)", "specs: unknown field (did you mean spec?)", "spec: required"),
        problems("""
            apiVersion: headroom.dev/v1alpha1
            kind: LoadTest
            metadata: {name: t, lables: {team: a}}
            specs: {}
            """));
  }

  @Test
  void negativeRatesAreReported() {
    assertEquals(
        List.of("spec.load.stages[0].rate: must be > 0", "spec.load.stages[1].rampTo: must be >= 0"),
        specProblems(TARGET + REQUESTS + "load: {stages: [{duration: 30s, rate: -5}, {duration: 30s, rate: 5, rampTo: -1}]}"));
  }

  @Test
  void unparseableDurationsQuoteTheValueAndTheForm() {
    assertEquals(
        List.of(
            "spec.load.warmup: 'ten seconds' is not a duration (use a number and a unit: ns, us, ms, s, m, h; e.g. 250ms, 30s, 2m)",
            "spec.load.stages[0].duration: '30' is not a duration (use a number and a unit: ns, us, ms, s, m, h; e.g. 250ms, 30s, 2m)"),
        specProblems(TARGET + REQUESTS + "load: {warmup: ten seconds, stages: [{duration: 30, rate: 5}]}"));
  }

  @Test
  void unparseableUrlsAreReported() {
    assertEquals(
        List.of("spec.target.url: 'checkout.shop.svc:8080' must start with http:// or https://"),
        specProblems("target: {url: \"checkout.shop.svc:8080\"}\n" + REQUESTS + LOAD));
    assertEquals(
        List.of("spec.target.url: 'http://shop svc' is not a URL"),
        specProblems("target: {url: \"http://shop svc\"}\n" + REQUESTS + LOAD));
  }

  @Test
  void anEmptyRequestListIsReported() {
    assertEquals(List.of("spec.requests: must list at least one request"), specProblems(TARGET + "requests: []\n" + LOAD));
  }

  @Test
  void emptyStagesAreReported() {
    assertEquals(List.of("spec.load.stages: must list at least one stage"), specProblems(TARGET + REQUESTS + "load: {stages: []}"));
  }

  @Test
  void aZeroTotalWeightIsReported() {
    assertEquals(
        List.of("spec.requests: total weight must be > 0 (give at least one request a weight above 0)"),
        specProblems(TARGET + "requests: [{name: a, weight: 0}, {name: b, weight: 0}]\n" + LOAD));
  }

  @Test
  void badThresholdsAreReported() {
    assertEquals(
        List.of(
            "spec.thresholds[0].metric: unknown metric 'p98' (did you mean p90, p95 or p99?); one of min, mean, p50, p90, p95, p99, p999, max, errorRate, rps",
            "spec.thresholds[1].max: 'fast' is not a duration (use a number and a unit: ns, us, ms, s, m, h; e.g. 250ms, 30s, 2m)",
            "spec.thresholds[2].max: must be between 0% and 100%",
            "spec.thresholds[3].request: no request named 'brwse' in spec.requests (did you mean browse?)"),
        specProblems(TARGET + REQUESTS + LOAD + """
            thresholds:
              - {metric: p98, max: 1s}
              - {metric: p99, max: fast}
              - {metric: errorRate, max: 150%}
              - {metric: p50, request: brwse, max: 1s}
            """));
  }

  @Test
  void textThatIsNotYamlGivesOneProblemWithLineAndColumn() {
    assertEquals(
        List.of("not valid YAML: mapping values are not allowed here (line 2, column 11)"),
        problems("apiVersion: headroom.dev/v1alpha1\nkind: Load: Test\n"));
    assertEquals(
        List.of("not valid JSON: Unexpected end-of-input within/between Object entries (line 2, column 10)"),
        problems("{\"apiVersion\": \"headroom.dev/v1alpha1\",\n \"kind\": "));
  }

  @Test
  void yamlThatIsNotAManifestIsSaidToBeNone() {
    assertEquals(
        List.of("expected a LoadTest manifest (apiVersion, kind, metadata and spec), got 'just some words'"),
        problems("just some words"));
    assertEquals(List.of("expected a LoadTest manifest (apiVersion, kind, metadata and spec), got a list"), problems("- a\n- b\n"));
  }

  @Test
  void emptyManifestsAreReported() {
    assertEquals(List.of("the manifest is empty; expected a LoadTest"), problems(""));
    assertEquals(List.of("the manifest is empty; expected a LoadTest"), problems("# nothing\n---\n---\n"));
  }

  @Test
  void severalDocumentsNeedExactlyOneLoadTest() {
    String loadTest = HEADER + "spec:\n" + (TARGET + REQUESTS + LOAD).indent(2);

    assertEquals(
        List.of("none of the 2 documents is a LoadTest (kind: LoadTest)"),
        problems("kind: Secret\n---\nkind: ConfigMap\n"));
    assertEquals(
        List.of("documents [1, 3] are all LoadTests; keep one LoadTest per file"),
        problems(loadTest + "---\nkind: Secret\n---\n" + loadTest));
  }

  @Test
  void theApiVersionAndKindMustBeHeadroomsLoadTest() {
    String spec = "spec:\n" + (TARGET + REQUESTS + LOAD).indent(2);

    assertEquals(
        List.of("apiVersion: must be headroom.dev/v1alpha1, got 'headroom.dev/v1'", "kind: must be LoadTest, got 'Loadtest'"),
        problems("apiVersion: headroom.dev/v1\nkind: Loadtest\n" + spec));
    assertEquals(
        List.of("apiVersion: required (headroom.dev/v1alpha1)", "kind: required (LoadTest)"),
        problems(spec));
  }

  @Test
  void aRepeatedKeyIsReportedRatherThanSilentlyOverwritten() {
    assertEquals(
        List.of("spec.load: given twice; keep one"),
        specProblems(TARGET + REQUESTS + LOAD + "load: {stages: []}\n"));
  }

  @Test
  void yamlAliasesAreReportedWhereUsedSinceTheyAreNotExpanded() {
    assertEquals(
        List.of(
            "spec.thresholds[1]: YAML aliases (*p99) are not supported; write the value out",
            "spec.thresholds[2].<<: YAML aliases (*p99) are not supported; write the value out"),
        specProblems(TARGET + REQUESTS + LOAD + """
            thresholds:
              - &p99 {metric: p99, max: 1s}
              - *p99
              - <<: *p99
                request: browse
            """));
  }

  @Test
  void valuesOfForeignTypesAreReportedAtTheirPathToo() {
    assertEquals(
        List.of(
            "kind: must be a string, got an object",
            "metadata.labels: must be a map, got a list",
            "spec.workers.tolerations[0].tolerationSeconds: must be a whole number, got 'soon'",
            "spec.workers.affinity.podAfinity: unknown field (did you mean podAffinity?)"),
        problems("""
            apiVersion: headroom.dev/v1alpha1
            kind: {name: LoadTest}
            metadata: {name: t, labels: [a]}
            spec:
            """ + (TARGET + REQUESTS + LOAD + "workers: {tolerations: [{tolerationSeconds: soon}], affinity: {podAfinity: {}}}\n").indent(2)));
  }

  @Test
  void aMissingFileIsAProblemNotAnException() {
    Path missing = Path.of("no-such-dir", "missing.yaml");

    assertEquals(
        List.of(new Problem("", "cannot read " + missing + ": no such file")),
        ManifestReader.read(missing).problems());
  }

  private List<ManifestReader.Document> readAll(String text) throws Exception {
    Path file = Files.createTempFile("manifests-", ".yaml");
    try {
      Files.writeString(file, text);
      return ManifestReader.readAll(file);
    } finally {
      Files.delete(file);
    }
  }

  private static final String SCHEDULE = """
      apiVersion: headroom.dev/v1alpha1
      kind: LoadTestSchedule
      metadata: {name: nightly}
      spec:
        schedule: "0 2 * * *"
        timeZone: Europe/Berlin
        template:
          metadata: {labels: {team: shop}}
          spec:
      """ + (TARGET + REQUESTS + LOAD).indent(6);

  @Test
  void everyDocumentOfAFileIsCheckedAsItsKindSchedulesIncluded() throws Exception {
    List<ManifestReader.Document> docs = readAll(SCHEDULE + "---\n" + HEADER + "spec:\n"
        + (TARGET + REQUESTS + LOAD).indent(2) + "---\nkind: ConfigMap\nmetadata: {name: c}\n");

    assertEquals(3, docs.size());
    ManifestReader.Document schedule = docs.get(0);
    assertEquals(List.of(), schedule.problems());
    assertTrue(schedule.resource() instanceof LoadTestSchedule s
        && s.getSpec().timeZone().equals("Europe/Berlin")
        && s.getSpec().template().metadata().labels().equals(Map.of("team", "shop"))
        && s.getSpec().template().spec().load().stages().get(0).rate() == 100.0, schedule.toString());
    assertEquals("LoadTestSchedule", schedule.kind());
    assertEquals("nightly", schedule.name());
    assertTrue(docs.get(1).resource() instanceof LoadTest, docs.get(1).toString());
    assertTrue(docs.get(2).passedOver(), docs.get(2).toString());
    assertFalse(schedule.passedOver());
  }

  @Test
  void aSchedulesBindingAndValidatorProblemsAreAtTheirPaths() throws Exception {
    String broken = SCHEDULE.replace("timeZone: Europe/Berlin", "timeZone: Europe/Berlin\n  suspnd: true")
        .replace("rate: 100", "rate: -1")
        .replace("apiVersion: headroom.dev/v1alpha1", "apiVersion: headroom.dev/v1")
        .replace("    metadata: {labels: {team: shop}}", "    metadata: {labels: {team: shop}, name: x}")
        + "  concurrencyPolicy: forbid\n  regression: {maxCapacityDrop: \"10%\"}\n";

    ManifestReader.Document d = readAll(broken).get(0);

    assertNull(d.resource());
    assertEquals(
        List.of(
            "apiVersion: must be headroom.dev/v1alpha1, got 'headroom.dev/v1'",
            "spec.template.metadata.name: unknown field",
            "spec.concurrencyPolicy: must be one of Forbid, Replace, got 'forbid' (did you mean Forbid?)",
            "spec.suspnd: unknown field (did you mean suspend?)",
            "spec.template.spec.load.stages[0].rate: must be > 0",
            "spec.regression.maxCapacityDrop: needs a capacity search (spec.template.spec.capacity): only a search"
                + " finds a capacity to compare"),
        d.problems().stream().map(Problem::toString).toList());
  }

  @Test
  void aScheduleIsNotALoadTestToRun() {
    assertEquals(List.of("kind: must be LoadTest, got 'LoadTestSchedule': a schedule's runs are created by the"
        + " operator; to run one here, put its spec.template.spec in a LoadTest"), problems(SCHEDULE));
  }
}
