package dev.headroom.e2e.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.e2e.ClusterExtension;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LoadTests the operator must refuse before making anything: specs the CRD schema lets through
 * but the validator does not ({@code InvalidSpec}), and specs beyond the policy the chart was
 * installed with ({@code PolicyViolation}). Each ends {@code Failed} with a message naming the
 * field, a Warning Event, and no Job, pod, ConfigMap or Secret. And one the operator must not see
 * at all: a LoadTest in a namespace it does not watch.
 */
@ExtendWith({ClusterExtension.class, HeadroomExtension.class})
class SpecCheckIT {

  private final KubernetesClient client;
  private final HeadroomInstall headroom;
  private final LoadTests loadTests;

  SpecCheckIT(KubernetesClient client, HeadroomInstall headroom, LoadTests loadTests) {
    this.client = client;
    this.headroom = headroom;
    this.loadTests = loadTests;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "unknown-request | {replicas: 1}                                     | [{metric: p95, request: checkout, max: 1s}]"
          + " | spec.thresholds[0].request",
      "bad-quantity    | {replicas: 1, resources: {requests: {cpu: lots}}} | []"
          + " | spec.workers.resources.requests.cpu",
  })
  void aSpecTheSchemaTakesButTheValidatorRefusesIsInvalid(String name, String workers, String thresholds, String path) {
    loadTests.create(manifest(name, "http://demo-target:8080", "{duration: 5s, rate: 10}", workers, thresholds));
    assertRefused(name, "InvalidSpec", path);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "elsewhere | http://example.com:8080 | {duration: 5s, rate: 10}               | {replicas: 1} | spec.target.url",
      "too-fast  | http://demo-target:8080 | {duration: 5s, rate: 10, rampTo: 2500} | {replicas: 1} | spec.load.stages[0].rampTo",
      "too-many  | http://demo-target:8080 | {duration: 5s, rate: 10}               | {replicas: 5} | spec.workers.replicas",
  })
  void aSpecBeyondThePolicyIsAViolation(String name, String url, String stage, String workers, String path) {
    loadTests.create(manifest(name, url, stage, workers, "[]"));
    assertRefused(name, "PolicyViolation", path);
  }

  @Test
  void closedModelUsersWithoutAThinkTimeBreakTheRateCap() {
    loadTests.create(manifest("unbounded-users", "http://demo-target:8080", "{duration: 5s, users: 8}", "{replicas: 1}",
        "[]").replace("load: {stages:", "load: {model: Closed, stages:"));
    assertRefused("unbounded-users", "PolicyViolation", "spec.load.stages[0].thinkTime");
  }

  /** Read by the operator before a run: a missing ConfigMap, and a template naming a column the CSV lacks. */
  @Test
  void testDataTheClusterDoesNotHaveAsWrittenIsInvalid() {
    String journey = """
        apiVersion: headroom.dev/v1alpha1
        kind: LoadTest
        metadata: {name: %s}
        spec:
          target: {url: "http://demo-target:8080"}
          data: [{name: users, configMapKeyRef: {name: %s, key: users.csv}}]
          scenarios:
            - name: login
              steps: [{request: {name: login, method: POST, path: /login, body: '${users.nmae}'}}]
          load: {stages: [{duration: 5s, rate: 10}]}
        """;
    loadTests.create(journey.formatted("no-users", "nobody"));
    assertRefused("no-users", "InvalidSpec", "spec.data[0].configMapKeyRef");
    assertTrue(loadTests.named("no-users").get().getStatus().getMessage().contains("no ConfigMap "
        + headroom.namespace() + "/nobody"), () -> loadTests.describe("no-users"));

    client.configMaps().inNamespace(headroom.namespace()).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("spec-check-users").endMetadata().addToData("users.csv", "name,tier\nann,gold\n").build()).create();
    loadTests.create(journey.formatted("typo", "spec-check-users"));
    assertRefused("typo", "InvalidSpec", "spec.scenarios[0].steps[0].request.body");
    assertTrue(loadTests.named("typo").get().getStatus().getMessage().contains("data set 'users' has no column 'nmae'"
        + " (its columns: name, tier)"), () -> loadTests.describe("typo"));
  }

  @Test
  void aLoadTestOutsideTheWatchedNamespacesIsLeftAlone() {
    String other = headroom.namespace() + "-unwatched";
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(other).endMetadata().build()).create();
    try {
      Resource<LoadTest> outside = client.resources(LoadTest.class).inNamespace(other).withName("outside");
      client.resource(ShortRun.of("outside", 1, 10, 1).yaml()).inNamespace(other).create();
      // A run in the watched namespace, created after it and seen to its end, shows the operator at work.
      ShortRun watched = ShortRun.of("watched", 1, 10, 1);
      loadTests.create(watched.yaml());
      assertEquals(LoadTestPhase.Succeeded, loadTests.awaitEnd(watched.name(), 1).getStatus().getPhase(),
          () -> loadTests.describe(watched.name()));
      assertNull(outside.get().getStatus(), "the operator wrote to a LoadTest it does not watch");
      assertEquals(List.of(), client.batch().v1().jobs().inNamespace(other).list().getItems());
    } finally {
      client.namespaces().withName(other).delete();
    }
  }

  private static String manifest(String name, String url, String stage, String workers, String thresholds) {
    return """
        apiVersion: headroom.dev/v1alpha1
        kind: LoadTest
        metadata: {name: %s}
        spec:
          target: {url: "%s"}
          requests: [{name: browse, path: /products}]
          load: {stages: [%s]}
          workers: %s
          thresholds: %s
        """.formatted(name, url, stage, workers, thresholds);
  }

  private void assertRefused(String name, String reason, String path) {
    LoadTest lt = loadTests.awaitEnd(name, 0);
    assertEquals(LoadTestPhase.Failed, lt.getStatus().getPhase(), () -> loadTests.describe(name));
    assertNull(lt.getStatus().getRun(), "no run was made");
    Condition valid = lt.getStatus().getConditions().stream().filter(c -> c.getType().equals("Valid")).findFirst()
        .orElseThrow(() -> new AssertionError("no Valid condition: " + lt.getStatus().getConditions()));
    assertEquals("False", valid.getStatus());
    assertEquals(reason, valid.getReason());
    assertTrue(valid.getMessage().startsWith(path + ":"), valid.getMessage());
    assertTrue(lt.getStatus().getMessage().contains(path + ":"), lt.getStatus().getMessage());
    assertTrue(loadTests.events(name).stream().anyMatch(e -> e.startsWith("Warning " + reason + ": ")),
        () -> loadTests.events(name).toString());
    assertEquals(List.of(), loadTests.objectsFor(name));
  }
}
