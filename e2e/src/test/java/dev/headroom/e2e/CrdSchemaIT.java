package dev.headroom.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.headroom.validation.ManifestReader;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The committed {@code LoadTest} CRD on a real API server: it installs, accepts every manifest the
 * validator accepts (the examples, the demo target's Deployment and Service included, and the
 * validator's samples), refuses with the CEL rules' messages what the OpenAPI schema cannot
 * express, and prints its columns.
 */
@ExtendWith(ClusterExtension.class)
class CrdSchemaIT {

  private static final Path REPO = ClusterExtension.repositoryRoot();
  private static final String CRD = "loadtests.headroom.dev";

  private final KubernetesClient client;
  private final Cluster cluster;

  CrdSchemaIT(KubernetesClient client, Cluster cluster) {
    this.client = client;
    this.cluster = cluster;
  }

  @BeforeAll
  static void installCrd(KubernetesClient client) {
    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
        .load(REPO.resolve("crds/" + CRD + "-v1.yml").toFile()).item();
    client.resource(crd).forceConflicts().serverSideApply();
    client.apiextensions().v1().customResourceDefinitions().withName(CRD).waitUntilCondition(
        c -> c != null && c.getStatus() != null && c.getStatus().getConditions().stream()
            .anyMatch(cond -> cond.getType().equals("Established") && cond.getStatus().equals("True")),
        60, TimeUnit.SECONDS);
  }

  private static List<Path> manifests() throws IOException {
    try (Stream<Path> samples = Files.list(REPO.resolve("operator/src/test/resources/manifests"));
        Stream<Path> examples = Files.list(REPO.resolve("examples"))) {
      // Manifests only: examples/ also holds the GitOps recipes' folder.
      return Stream.concat(samples, examples).filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** The objects of a manifest file, each named (headroom run allows a nameless LoadTest) and put in {@code ns}. */
  private List<HasMetadata> objects(Path file, String ns) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      List<HasMetadata> objects = client.load(in).items();
      for (HasMetadata o : objects) {
        if (o.getMetadata() == null) {
          o.setMetadata(new ObjectMeta());
        }
        o.getMetadata().setNamespace(ns);
        if (o.getMetadata().getName() == null) {
          o.getMetadata().setName("unnamed");
        }
      }
      return objects;
    }
  }

  /** The API server's refusal of a server-side dry-run create, or null when it accepts. */
  private String dryRunRefusal(HasMetadata object, String ns) {
    try {
      client.resource(object).inNamespace(ns).dryRun().create();
      return null;
    } catch (KubernetesClientException e) {
      return e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage();
    }
  }

  @Test
  void theApiServerAcceptsEveryManifestTheValidatorAccepts(TestNamespace namespace) throws IOException {
    List<String> refused = new ArrayList<>();
    int checked = 0;
    for (Path file : manifests()) {
      List<HasMetadata> objects = objects(file, namespace.name());
      boolean hasLoadTest = objects.stream().anyMatch(o -> o.getKind().equals("LoadTest"));
      if (hasLoadTest && !ManifestReader.read(file).isValid()) {
        continue; // a sample of mistakes: nothing to hold the schema to
      }
      for (HasMetadata object : objects) {
        String refusal = dryRunRefusal(object, namespace.name());
        if (refusal != null) {
          refused.add(REPO.relativize(file) + " " + object.getKind() + ": " + refusal);
        }
        checked++;
      }
    }
    assertEquals(List.of(), refused);
    assertTrue(checked >= 12, checked + " objects checked");
  }

  /**
   * Each CEL rule of the schema, broken on its own in a spec the validator would otherwise take: the
   * API server refuses it with the rule's message, and the validator refuses it too.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "load: {stages: [{duration: 10s, users: 4}]}"
          + " | with the Open model every stage needs rate and takes no users or thinkTime",
      "load: {model: Closed, stages: [{duration: 10s, users: 4, rate: 10}]}"
          + " | with the Closed model every stage needs users and takes no rate or rampTo",
      "load: {model: Closed, stages: [{duration: 10s, users: 4, rampTo: 10}]}"
          + " | rampTo needs rate",
      "load: {warmup: 5s}"
          + " | load.stages is required (unless capacity searches for the rate)",
      "load: {stages: [{duration: 10s, rate: 10}]}, capacity: {slo: {p99: 1s}, startRate: 10, maxRate: 20}"
          + " | capacity sets the rate itself: remove load.stages or capacity",
      "load: {model: Closed}, capacity: {slo: {p99: 1s}, startRate: 10, maxRate: 20}"
          + " | capacity needs the Open model",
      "load: {}, capacity: {slo: {p99: 1s}, startRate: 100, maxRate: 100}"
          + " | maxRate must be > startRate",
      "load: {}, capacity: {slo: {p99: 1s}, startRate: 10, maxRate: 20, requiredHeadroom: 2}"
          + " | requiredHeadroom needs currentRate",
      "requests: [{name: a, weight: 0}, {name: b, weight: 0}], load: {stages: [{duration: 10s, rate: 10}]}"
          + " | total weight must be > 0",
      "load: {}, capacity: {slo: {p99: 1s}}"
          + " | spec.capacity.startRate: Required value",
  })
  void eachCelRuleRefusesWhatTheValidatorRefuses(String fields, String message, TestNamespace namespace) {
    String requests = fields.startsWith("requests:") ? "" : "requests: [{name: a}], ";
    String spec = "{target: {url: 'http://demo-target:8080'}, " + requests + fields + "}";
    String manifest = "apiVersion: headroom.dev/v1alpha1\nkind: LoadTest\nmetadata: {name: broken}\nspec: " + spec + "\n";
    assertFalse(ManifestReader.parse(manifest).isValid(), "the validator accepts " + spec);

    GenericKubernetesResource loadTest = client.getKubernetesSerialization().unmarshal(manifest, GenericKubernetesResource.class);
    String refusal = dryRunRefusal(loadTest, namespace.name());
    if (refusal == null) {
      fail("the API server accepts " + spec);
    }
    assertTrue(refusal.contains(message), refusal);
  }

  @Test
  void statusIsASubresourceAndGetShowsItsColumns(TestNamespace namespace) {
    String ns = namespace.name();
    assertEquals(0, cluster.kubectl("apply", "-n", ns, "-f", REPO.resolve("examples/quickstart.yaml").toString()).exitCode());
    Cluster.Result patched = cluster.kubectl("patch", "loadtest", "quickstart", "-n", ns, "--subresource=status",
        "--type=merge", "-p", "{\"status\": {\"phase\": \"Succeeded\", \"verdict\": \"Pass\", \"workers\": {\"ready\": 2},"
            + " \"summary\": {\"rps\": 181.3, \"latency\": {\"p99\": \"13.5ms\"}}}}");
    assertEquals(0, patched.exitCode(), patched.output());

    Cluster.Result table = cluster.kubectl("get", "lt", "-n", ns);
    assertEquals(0, table.exitCode(), table.output());
    List<String> header = List.of(table.output().lines().findFirst().orElse("").trim().split("\\s+"));
    assertTrue(header.containsAll(List.of("NAME", "PHASE", "VERDICT", "WORKERS", "RPS", "P99", "AGE")), header.toString());
    List<String> row = List.of(table.output().lines().skip(1).findFirst().orElse("").trim().split("\\s+"));
    assertEquals("Succeeded", row.get(header.indexOf("PHASE")));
    assertEquals("Pass", row.get(header.indexOf("VERDICT")));
    assertEquals("2", row.get(header.indexOf("WORKERS")));
    assertEquals("181.3", row.get(header.indexOf("RPS")));
    assertEquals("13.5ms", row.get(header.indexOf("P99")));

    Cluster.Result phaseNotInEnum = cluster.kubectl("patch", "loadtest", "quickstart", "-n", ns, "--subresource=status",
        "--type=merge", "-p", "{\"status\": {\"phase\": \"Done\"}}");
    assertTrue(phaseNotInEnum.output().contains("Unsupported value: \"Done\""), phaseNotInEnum.output());
  }
}
