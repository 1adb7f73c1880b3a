package dev.headroom.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.validation.ManifestReader;
import dev.headroom.validation.ReadResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator is the authority and the schema must never refuse what it accepts: every manifest
 * the validator takes (the examples and the validator's own samples) passes the generated schema.
 * The other way round, each thing the schema refuses is refused by the validator as well.
 */
class SchemaAcceptanceTest {

  private static final ObjectMapper YAML = new YAMLMapper();
  private static StructuralSchema spec;
  private static StructuralSchema scheduleSpec;

  @BeforeAll
  static void readGeneratedSchema() throws IOException {
    spec = specSchema(RepoFiles.CRD_FILE);
    scheduleSpec = specSchema(RepoFiles.SCHEDULE_CRD_FILE);
  }

  private static StructuralSchema specSchema(String crdFile) throws IOException {
    JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(RepoFiles.generatedCrd(crdFile));
    return new StructuralSchema(crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec"));
  }

  static Stream<Path> manifests() throws IOException, URISyntaxException {
    Path samples = Path.of(SchemaAcceptanceTest.class.getResource("/manifests").toURI());
    try (Stream<Path> a = Files.list(samples); Stream<Path> b = Files.list(RepoFiles.root().resolve("examples"))) {
      // Manifests only: examples/ also holds the GitOps recipes' folder.
      return Stream.concat(a, b).filter(Files::isRegularFile).sorted().toList().stream();
    }
  }

  /** The spec of the file's documents, as written (numbers stay numbers), numbered from 1 as readAll numbers them. */
  private static List<JsonNode> specsAsWritten(Path file) throws IOException {
    // YAML is a superset of JSON, but not of JSON indented with tabs.
    ObjectMapper mapper = file.toString().endsWith(".json") ? new ObjectMapper() : YAML;
    List<JsonNode> specs = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = mapper.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          specs.add(doc.path("spec"));
        }
      }
    }
    return specs;
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void theSchemaAcceptsEveryManifestTheValidatorAccepts(Path file) throws IOException {
    List<JsonNode> written = specsAsWritten(file);
    for (ManifestReader.Document d : ManifestReader.readAll(file)) {
      // Documents the validator refuses (samples of mistakes) hold the schema to nothing.
      if (d.resource() != null) {
        StructuralSchema schema = d.resource() instanceof LoadTestSchedule ? scheduleSpec : spec;
        assertEquals(List.of(), schema.violations(written.get(d.index() - 1), "spec"),
            file.getFileName() + " document " + d.index());
      }
    }
  }

  @Test
  void aValidScheduleIsAmongThem() throws Exception {
    assertTrue(manifests().anyMatch(f -> ManifestReader.readAll(f).stream()
        .anyMatch(d -> d.resource() instanceof LoadTestSchedule)), "a schedule for the schema to accept");
  }

  @Test
  void thereAreValidManifestsToCheck() throws Exception {
    long valid = manifests().filter(f -> ManifestReader.read(f).isValid()).count();
    assertTrue(valid >= 10, valid + " valid manifests");
  }

  private static final String VALID = """
      target: {url: "http://demo-target:8080", http: {connections: 16, version: HTTP_2}}
      requests:
        - {name: browse, method: GET, path: /products, weight: 9, expectStatus: [200]}
      load:
        model: Open
        stages: [{duration: 30s, rate: 100, rampTo: 200}]
      workers: {replicas: 2, failurePolicy: Fail}
      thresholds: [{metric: p99, max: 500ms}]
      """;

  /**
   * One mistake at a time in a valid spec ({@code field} set to {@code value}, given as YAML): the
   * schema refuses it at that field, and so does the validator.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "target.url          | 'ftp://demo-target'",
      "target.timeout      | 5",
      "target.http.connections | 0",
      "target.http.version | HTTP_3",
      "target.http.extra   | 1",
      "requests            | []",
      "requests.0.name     | Browse",
      "requests.0.method   | get",
      "requests.0.path     | products",
      "requests.0.weight   | -1",
      "requests.0.expectStatus | [99]",
      "load.model          | open",
      "load.warmup         | 10 s",
      "load.stages         | []",
      "load.stages.0.rate  | 0",
      "load.stages.0.rampTo | -1",
      "workers.replicas    | 1001",
      "workers.failurePolicy | Retry",
      "thresholds.0.metric | p98",
      "ttlSecondsAfterFinished | -1",
  })
  void whatTheSchemaRefusesTheValidatorRefusesToo(String field, String value) throws IOException {
    ObjectNode mutated = (ObjectNode) YAML.readTree(VALID);
    set(mutated, field, YAML.readTree(value));
    assertEquals(List.of(), spec.violations(YAML.readTree(VALID), "spec"), "the unchanged spec passes");

    List<String> schema = spec.violations(mutated, "spec");
    String fieldPath = "spec." + field.replaceAll("\\.(\\d+)", "[$1]");
    assertFalse(schema.isEmpty(), "the schema accepts " + field + ": " + value);
    assertTrue(schema.stream().allMatch(v -> v.startsWith(fieldPath)), schema.toString());

    String manifest = "apiVersion: headroom.dev/v1alpha1\nkind: LoadTest\nmetadata: {name: t}\nspec: "
        + mutated.toString() + "\n";
    ReadResult read = ManifestReader.parse(manifest);
    assertFalse(read.isValid(), "the validator accepts " + field + ": " + value);
  }

  private static final String SCHEDULE = """
      schedule: "0 2 * * *"
      timeZone: Europe/Berlin
      startingDeadlineSeconds: 60
      concurrencyPolicy: Replace
      successfulRunsHistoryLimit: 3
      failedRunsHistoryLimit: 1
      regression: {baseline: Previous, maxP99Increase: "20%", maxErrorRateIncrease: "1%"}
      template:
        metadata: {labels: {team: shop}}
        spec:
      """ + VALID.indent(4);

  /** As {@link #whatTheSchemaRefusesTheValidatorRefusesToo}, for a schedule and the LoadTest spec it holds. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "startingDeadlineSeconds      | 9",
      "concurrencyPolicy            | forbid",
      "successfulRunsHistoryLimit   | 14",
      "failedRunsHistoryLimit       | -1",
      "regression.baseline          | Checkout",
      "regression.maxP99Increase    | '0.2'",
      "regression.maxErrorRateIncrease | 1",
      "template.spec.load.stages.0.rate | 0",
      "template.spec.requests.0.name | Browse",
      "template.spec.regression     | {}",
  })
  void whatTheScheduleSchemaRefusesTheValidatorRefusesToo(String field, String value) throws IOException {
    ObjectNode mutated = (ObjectNode) YAML.readTree(SCHEDULE);
    set(mutated, field, YAML.readTree(value));
    assertEquals(List.of(), scheduleSpec.violations(YAML.readTree(SCHEDULE), "spec"), "the unchanged spec passes");

    String manifest = "apiVersion: headroom.dev/v1alpha1\nkind: LoadTestSchedule\nmetadata: {name: t}\nspec: "
        + mutated + "\n";
    Path file = Files.createTempFile("schedule-", ".yaml");
    try {
      Files.writeString(file, manifest);
      ManifestReader.Document read = ManifestReader.readAll(file).get(0);
      assertNull(read.resource(), "the validator accepts " + field + ": " + value);
      String fieldPath = "spec." + field.replaceAll("\\.(\\d+)", "[$1]");
      assertTrue(read.problems().stream().anyMatch(p -> p.path().startsWith(fieldPath)), read.problems().toString());
    } finally {
      Files.delete(file);
    }
    if (!field.equals("template.spec.regression")) {
      // Set in a template, regression is the validator's to refuse: the schema is a LoadTest's.
      List<String> schema = scheduleSpec.violations(mutated, "spec");
      assertFalse(schema.isEmpty(), "the schema accepts " + field + ": " + value);
    }
  }

  /** Sets a dotted path ({@code requests.0.name}) in a tree of objects and arrays. */
  private static void set(JsonNode root, String path, JsonNode value) {
    String[] steps = path.split("\\.");
    JsonNode node = root;
    for (int i = 0; i < steps.length - 1; i++) {
      node = steps[i].matches("\\d+") ? node.get(Integer.parseInt(steps[i])) : node.get(steps[i]);
    }
    String last = steps[steps.length - 1];
    if (last.matches("\\d+")) {
      ((ArrayNode) node).set(Integer.parseInt(last), value);
    } else {
      ((ObjectNode) node).set(last, value);
    }
  }
}
