package dev.headroom.operator;

import static dev.headroom.api.v1alpha1.LoadTestPhase.Failed;
import static dev.headroom.api.v1alpha1.LoadTestPhase.Starting;
import static dev.headroom.operator.LoadTestLifecycleTest.assertCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.session.Conditions;
import dev.headroom.testing.Await;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LoadTests that must not run: invalid, against policy, refused; and errors that are retried. */
class RunRefusalTest {

  static Vertx vertx;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    Await.result(vertx.close(), Duration.ofSeconds(10));
  }

  /** Its workers never start (their image does not pull): these tests are about what comes before. */
  static LoadTest spec(String name, String rate, int replicas) {
    return LoadTests.named(name, """
        target: {url: "http://checkout.shop.svc:8080"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 10s, rate: %s}]}
        workers: {replicas: %d, image: missing/worker}
        """.formatted(rate, replicas));
  }

  @Test
  void anInvalidSpecFailsNamingEachFieldAndCreatesNothingUntilItIsFixed() {
    try (Harness h = new Harness(vertx, spec("bad", "-5", 0))) {
      h.reconcile();
      LoadTestStatus s = h.status();
      assertEquals(Failed, s.getPhase());
      assertEquals(1L, s.getObservedGeneration());
      assertNull(s.getRun());
      assertEquals("invalid spec: spec.load.stages[0].rate: must be > 0; spec.workers.replicas: must be between 1 and 1000",
          s.getMessage());
      assertCondition(s, Conditions.VALID, "False", "InvalidSpec");
      assertEquals(List.of(), h.cluster.names(), "nothing created");
      assertEquals(List.of("Warning InvalidSpec: " + s.getMessage()), h.cluster.events);

      h.reconcile();
      assertTrue(h.last().isNoUpdate(), "judged once per generation");
      assertEquals(1, h.cluster.events.size());

      h.editSpec(spec("bad", "5", 1).getSpec());
      h.reconcile();
      assertEquals(Starting, h.status().getPhase(), "the fixed spec runs");
      assertEquals(1, h.status().getRun());
      assertCondition(h.status(), Conditions.VALID, "True", "SpecValid");
      assertEquals(List.of("ConfigMap bad-run1-plan", "Job bad-run1", "Secret bad-run1-token"), h.cluster.names());
    }
  }

  @Test
  void aPolicyViolationFailsAndCreatesNothing() {
    Map<String, String> policy = Map.of(
        "HEADROOM_POLICY_ALLOWED_HOSTS", "*.staging.svc",
        "HEADROOM_POLICY_MAX_WORKERS", "2");
    try (Harness h = new Harness(vertx, spec("wide", "10", 3), policy)) {
      h.reconcile();
      assertEquals(Failed, h.status().getPhase());
      assertCondition(h.status(), Conditions.VALID, "False", "PolicyViolation");
      assertEquals("policy violation: spec.target.url: host 'checkout.shop.svc' is not allowed by the policy"
          + " (allowed: *.staging.svc); spec.workers.replicas: 3 workers is more than the policy allows (2)",
          h.status().getMessage());
      assertEquals(List.of(), h.cluster.names());
      assertTrue(h.cluster.events.get(0).startsWith("Warning PolicyViolation: "));
    }
  }

  @Test
  void whatTheOperatorCannotRunIsAnInvalidSpec() {
    LoadTest search = LoadTests.named("x".repeat(49), """
        target: {url: "http://a.svc"}
        requests: [{name: home, path: /}]
        capacity: {slo: {p99: 100ms}, startRate: 10, maxRate: 100, stepDuration: 10s}
        """);
    try (Harness h = new Harness(vertx, search)) {
      h.reconcile();
      assertCondition(h.status(), Conditions.VALID, "False", "InvalidSpec");
      assertEquals("invalid spec: metadata.name: at most 48 characters (it names the run's Job and pods), got 49",
          h.status().getMessage(), "the capacity search itself runs on the operator");
    }
  }

  @Test
  void workersTheApiServerRefusesFailTheRun() {
    try (Harness h = new Harness(vertx, spec("odd", "5", 1))) {
      h.cluster.refuseCreates = "Job.batch \"odd-run1\" is invalid: spec.template.spec.nodeSelector: Invalid value";
      h.reconcile();
      assertEquals(Failed, h.status().getPhase());
      assertEquals(1, h.status().getRun());
      assertCondition(h.status(), Conditions.WORKERS_READY, "False", "WorkersRefused");
      assertTrue(h.status().getMessage().endsWith("nodeSelector: Invalid value"), h.status().getMessage());
    }
  }

  @Test
  void leftoversOfADeletedNamesakeAreWaitedForNotAdopted() {
    try (Harness h = new Harness(vertx, spec("again", "5", 1))) {
      ConfigMap old = new ConfigMapBuilder(WorkerResources.planConfigMap(spec("again", "5", 1), 1)).build();
      h.cluster.put(old);
      IllegalStateException e = assertThrows(IllegalStateException.class, h::reconcile);
      assertEquals("ConfigMap again-run1-plan exists but belongs to another LoadTest (a deleted one of the same name?);"
          + " waiting for it to go", e.getMessage());
    }
  }

  @Test
  void anUnexpectedErrorIsSaidInTheStatusAndRetried() {
    try (Harness h = new Harness(vertx, spec("flaky", "5", 1))) {
      h.cluster.failCreates = new KubernetesClientException("configmaps is forbidden: User cannot create");
      KubernetesClientException e = assertThrows(KubernetesClientException.class, h::reconcile);
      LoadTestReconciler reconciler = new LoadTestReconciler(OperatorConfig.defaults(), h.cluster, null,
          Harness.TIMING, h.clock, new OperatorMetrics(new SimpleMeterRegistry()));
      ErrorStatusUpdateControl<LoadTest> control = reconciler.errorStatus(h.loadTest(), false, e);
      LoadTest patch = control.getResource().orElseThrow();
      assertEquals("operator error, retrying: configmaps is forbidden: User cannot create", patch.getStatus().getMessage());
      assertNull(patch.getSpec());
      assertFalse(control.isNoRetry(), "JOSDK retries it");

      h.markForDeletion();
      assertTrue(reconciler.errorStatus(h.loadTest(), false, e).getResource().isEmpty(),
          "nothing is written to a LoadTest that is going away");
      assertTrue(reconciler.errorStatus(h.loadTest(), true, e).getResource().isEmpty());
    }
  }
}
