package dev.headroom.operator;

import static dev.headroom.api.v1alpha1.LoadTestPhase.Failed;
import static dev.headroom.api.v1alpha1.LoadTestPhase.Running;
import static dev.headroom.api.v1alpha1.LoadTestPhase.Succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.engine.LoadWorker;
import dev.headroom.session.Conditions;
import dev.headroom.testing.Await;
import dev.headroom.testing.DemoTargetExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** After a run: the TTL removes its workers but not its results; deleting a LoadTest stops its workers. */
class RunCleanupTest {

  @RegisterExtension static final DemoTargetExtension TARGET = DemoTargetExtension.fast(100);

  static final Duration T = Duration.ofSeconds(15);

  static LoadTest test(String name, String duration, String ttl) {
    return LoadTests.named(name, """
        target: {url: "%s"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: %s, rate: 20}]}
        workers: {replicas: 2}
        ttlSecondsAfterFinished: %s
        """.formatted(TARGET.url(), duration, ttl));
  }

  @Test
  void theTtlRemovesTheWorkersPlanAndTokenButKeepsTheResults() {
    try (Harness h = new Harness(TARGET.vertx(), test("ttl", "1s", "60"))) {
      h.untilPhase(Succeeded, T);
      h.until("workers stopped", T, lt -> h.kubelet.exited(1, 0) && h.kubelet.exited(1, 1));
      h.reconcile();
      long wait = h.last().getScheduleDelay().orElseThrow();
      assertTrue(wait > 50_000 && wait <= 60_000, "looked at again when the TTL falls due: " + wait + " ms");
      assertEquals(4, h.cluster.names().size(), h.cluster.names().toString());
      assertTrue(h.cluster.configMap("ns", "ttl-run1-checkpoint").isEmpty(), "the ended run's checkpoint went at once");
      h.cluster.deletions.clear();

      LoadTestStatus before = h.status();
      h.clock.advance(Duration.ofSeconds(61));
      h.reconcile();
      assertEquals(List.of("ConfigMap ttl-run1-results"), h.cluster.names());
      assertEquals(List.of("Job ns/ttl-run1", "ConfigMap ns/ttl-run1-plan", "Secret ns/ttl-run1-token"), h.cluster.deletions);
      assertTrue(h.last().isNoUpdate(), "the LoadTest and its results stay as they are");
      assertEquals(before, h.status());
      h.reconcile();
      assertEquals(3, h.cluster.deletions.size(), "removed once");
    }
  }

  @Test
  void theTtlStillRemovesARunsWorkersWhenTheNextSpecIsRefused() {
    try (Harness h = new Harness(TARGET.vertx(), test("refused-next", "1s", "60"))) {
      h.untilPhase(Succeeded, T);
      h.editSpec(test("refused-next", "-1s", "60").getSpec());
      h.reconcile();
      assertEquals(Failed, h.status().getPhase(), h.status().getMessage());
      assertTrue(Conditions.get(h.status(), Conditions.SPEC_CHANGED).isEmpty(), "no run will use the refused spec");
      h.until("workers stopped", T, lt -> h.kubelet.exited(1, 0) && h.kubelet.exited(1, 1));

      h.clock.advance(Duration.ofSeconds(61));
      h.reconcile();
      assertEquals(List.of("ConfigMap refused-next-run1-results"), h.cluster.names());
    }
  }

  @Test
  void deletingALoadTestMidRunStopsItsWorkersAtOnce() {
    try (Harness h = new Harness(TARGET.vertx(), test("gone", "30s", "null"))) {
      h.untilPhase(Running, T);
      LoadWorker w0 = h.kubelet.worker(1, 0);
      LoadWorker w1 = h.kubelet.worker(1, 1);
      h.delete();
      // Told to stop, a worker closes its last interval and is done long before its 30 s.
      Await.until("both workers stopped sending", Duration.ofSeconds(5),
          () -> w0.state() == LoadWorker.State.FINISHED && w1.state() == LoadWorker.State.FINISHED);
    }
  }

  @Test
  void aForegroundDeleteMidRunStopsTheWorkersWhileTheLoadTestWaitsForThem() {
    try (Harness h = new Harness(TARGET.vertx(), test("foreground", "30s", "null"))) {
      h.untilPhase(Running, T);
      LoadWorker w0 = h.kubelet.worker(1, 0);
      LoadWorker w1 = h.kubelet.worker(1, 1);

      h.markForDeletion();
      h.reconcile();
      assertTrue(h.last().isNoUpdate(), "no status written to what is going away");
      Await.until("both workers stopped sending", Duration.ofSeconds(5),
          () -> w0.state() == LoadWorker.State.FINISHED && w1.state() == LoadWorker.State.FINISHED);

      h.reconcile(); // the garbage collector's pod deletions are events too
      h.delete();
      assertTrue(h.last().isNoUpdate());
    }
  }

  @Test
  void aLoadTestBeingDeletedIsNeverRunAgain() {
    try (Harness h = new Harness(TARGET.vertx(), test("pruned", "1s", "null"))) {
      h.untilPhase(Succeeded, T);
      LoadTestStatus settled = h.status();
      int jobs = h.cluster.jobs().size();

      h.markForDeletion(); // a new generation, as if the spec had changed
      h.reconcile();

      assertTrue(h.last().isNoUpdate(), "no status written to what is going away");
      assertEquals(jobs, h.cluster.jobs().size(), "no new run's Job");
      assertEquals(settled, h.status());
    }
  }
}
