package dev.headroom.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.headroom.validation.ManifestReader;
import dev.headroom.validation.ReadResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @BeforeAll
  static void readGeneratedSchema() throws IOException {
    JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(RepoFiles.generatedCrd());
    spec = new StructuralSchema(crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec"));
  }

  static Stream<Path> manifests() throws IOException, URISyntaxException {
    Path samples = Path.of(SchemaAcceptanceTest.class.getResource("/manifests").toURI());
    try (Stream<Path> a = Files.list(samples); Stream<Path> b = Files.list(RepoFiles.root().resolve("examples"))) {
      // Manifests only: examples/ also holds the GitOps recipes' folder.
      return Stream.concat(a, b).filter(Files::isRegularFile).sorted().toList().stream();
    }
  }

  /** The spec of the file's LoadTest document, as written (numbers stay numbers). */
  private static JsonNode specAsWritten(Path file) throws IOException {
    // YAML is a superset of JSON, but not of JSON indented with tabs.
    ObjectMapper mapper = file.toString().endsWith(".json") ? new ObjectMapper() : YAML;
    try (MappingIterator<JsonNode> docs = mapper.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && doc.path("kind").asText().equals("LoadTest")) {
          return doc.path("spec");
        }
      }
    }
    throw new AssertionError("no LoadTest in " + file);
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void theSchemaAcceptsEveryManifestTheValidatorAccepts(Path file) throws IOException {
    ReadResult read = ManifestReader.read(file);
    if (!read.isValid()) {
      // The validator refuses it (a sample of mistakes, or a file with no LoadTest): nothing to hold the schema to.
      return;
    }
    assertEquals(List.of(), spec.violations(specAsWritten(file), "spec"), file.getFileName().toString());
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
