package dev.headroom.operator;

import static dev.headroom.api.v1alpha1.LoadTestPhase.Failed;
import static dev.headroom.api.v1alpha1.LoadTestPhase.Running;
import static dev.headroom.api.v1alpha1.LoadTestPhase.Starting;
import static dev.headroom.api.v1alpha1.LoadTestPhase.Succeeded;
import static dev.headroom.operator.LoadTestLifecycleTest.assertCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.collect.IntervalCollector;
import dev.headroom.operator.run.TestPods;
import dev.headroom.session.Conditions;
import dev.headroom.testing.Await;
import dev.headroom.testing.DemoTargetExtension;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Workers that never get ready, die at once, are lost mid-run or run on NIO, and what each makes of the run. */
class RunFaultsTest {

  @RegisterExtension static final DemoTargetExtension TARGET = DemoTargetExtension.fast(100);

  static final Duration T = Duration.ofSeconds(15);

  static LoadTest test(String name, String image, String failurePolicy, String duration) {
    return LoadTests.named(name, """
        target: {url: "%s", timeout: 1s}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: %s, rate: 20}]}
        workers: {replicas: 2, image: "%s", failurePolicy: %s}
        """.formatted(TARGET.url(), duration, image, failurePolicy));
  }

  @Test
  void workersGettingReadyOneByOneAreCountedInStatusAtAModestRate() {
    try (Harness h = new Harness(TARGET.vertx(), LoadTests.named("slow-start", """
        target: {url: "%s"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 1s, rate: 20}]}
        workers: {replicas: 3, image: missing/worker}
        """.formatted(TARGET.url())))) {
      h.reconcile();
      Job job = h.cluster.jobs().get(0);
      List<Pod> pods = new ArrayList<>(List.of(TestPods.pending(job, 0).build(), TestPods.pending(job, 1).build(),
          TestPods.pending(job, 2).build()));
      pods.set(0, TestPods.ready(job, 0, "127.0.0.1", 1));
      h.reconcile(pods);
      int writes = h.writes();
      pods.set(1, TestPods.ready(job, 1, "127.0.0.1", 1));
      h.reconcile(pods);
      assertEquals(writes, h.writes(), "a second pod ready at once waits for the next progress write");
      h.clock.advance(Harness.TIMING.progressEvery());
      h.reconcile(pods);
      assertEquals(writes + 1, h.writes());
      assertEquals(2, h.status().getWorkers().ready(), h.status().toString());
    }
  }

  @Test
  void aResultsConfigMapTheApiServerRefusesLeavesTheResultsInStatus() {
    try (Harness h = new Harness(TARGET.vertx(), test("quota", "headroom-worker", "Continue", "1s"))) {
      h.untilPhase(Running, T);
      h.cluster.refuseCreates = "exceeded quota: configmaps=10";
      h.untilPhase(Succeeded, T);
      LoadTestStatus s = h.status();
      assertEquals(20L, s.getSummary().requests(), "2 workers at 20 requests/s in total for 1 s");
      assertEquals(null, s.getResults(), "no reference to a ConfigMap that does not exist");
      assertTrue(s.getMessage().endsWith("; no results ConfigMap: exceeded quota: configmaps=10"), s.getMessage());
    }
  }

  @Test
  void workersNotReadyInTimeFailTheRunWithThePodsReasonAndLeaveNoPods() {
    try (Harness h = new Harness(TARGET.vertx(), test("pull", "missing/worker:1", "Continue", "1s"))) {
      h.reconcile();
      h.reconcile();
      assertEquals(Starting, h.status().getPhase(), "an image may yet appear: wait");
      assertCondition(h.status(), Conditions.WORKERS_READY, "False", "Starting");
      assertTrue(h.last().getScheduleDelay().isPresent(), "looked at again while starting");

      h.clock.advance(Harness.TIMING.readyTimeout().plusSeconds(1));
      h.reconcile();
      LoadTestStatus s = h.status();
      assertEquals(Failed, s.getPhase());
      assertCondition(s, Conditions.WORKERS_READY, "False", "ImagePullBackOff");
      assertTrue(s.getMessage().startsWith("run 1 failed: workers not ready within 30s: 0 of 2 workers ready; pod pull-run1-"),
          s.getMessage());
      assertTrue(s.getMessage().contains("ImagePullBackOff: Back-off pulling image \"missing/worker:1\" (also pull-run1-"),
          s.getMessage());
      assertEquals(List.of("Job ns/pull-run1"), h.cluster.deletions, "no pod is left waiting");
      assertEquals(List.of("Normal Starting", "Warning ImagePullBackOff"),
          h.cluster.events.stream().map(e -> e.substring(0, e.indexOf(':'))).toList());

      h.reconcile();
      h.reconcile();
      assertTrue(h.last().isNoUpdate());
      assertFalse(h.last().getScheduleDelay().isPresent(), "a failed run without a TTL waits for a spec change");
      assertEquals(2, h.cluster.events.size());
    }
  }

  @Test
  void aWorkerThatExitsWhileStartingFailsTheRunAtOnceWithItsLastWords() {
    try (Harness h = new Harness(TARGET.vertx(), test("crash", "crash/worker:1", "Continue", "1s"))) {
      h.untilPhase(Failed, T);
      assertCondition(h.status(), Conditions.WORKERS_READY, "False", "Error");
      assertTrue(h.status().getMessage().endsWith("worker exited with code 2 (Error): headroom worker: invalid plan: | plan.load: required"),
          h.status().getMessage());
      assertTrue(h.cluster.events.get(1).startsWith("Warning Error: run 1 failed"), h.cluster.events.toString());
    }
  }

  /**
   * The run is held open until the loss has been seen in it, so that "it goes on with the rest" is
   * asserted of a run still going however loaded the machine: a 2 s run once ended before a slow
   * reconcile counted the loss. No reconcile pulls between the start and the kill, so worker 1's
   * intervals are never collected, however late the kill comes.
   */
  @Test
  void aWorkerLostUnderContinueKeepsTheResultAndCountsTheLoss() {
    try (Harness h = new Harness(TARGET.vertx(), test("keep", "headroom-worker:test", "Continue", "2s"))) {
      h.holdEnd();
      h.untilPhase(Running, T);
      h.kubelet.kill(1, 1);
      h.until("worker 1 counted lost", T, lt -> lt.getStatus().getWorkers().lost() == 1);
      assertEquals(Running, h.status().getPhase(), "the run goes on with the rest");
      assertCondition(h.status(), Conditions.WORKERS_READY, "False", "WorkerOOMKilled");
      assertTrue(Conditions.get(h.status(), Conditions.WORKERS_READY).orElseThrow().getMessage()
          .endsWith("worker exited with code 137 (OOMKilled) (workers.failurePolicy: Continue)"),
          h.status().toString());
      h.releaseEnd();
      h.untilPhase(Succeeded, T);
      LoadTestStatus s = h.status();
      assertEquals(1, s.getWorkers().lost());
      assertEquals(1, s.getWorkers().ready());
      assertTrue(s.getSummary().requests() >= 20 && s.getSummary().requests() < 40,
          "worker 0's 20 and whatever worker 1 sent before it was collected: " + s.getSummary().requests());
      assertTrue(s.getMessage().contains("; 1 of 2 workers lost (worker 1: pod keep-run1-1-"), s.getMessage());
      assertTrue(s.getMessage().contains("worker exited with code 137 (OOMKilled)); "), s.getMessage());
      Matcher unsent = Pattern.compile("; worker 1's share not sent (?:at all|for the last \\w+):"
          + " ~(\\d+) of 40 planned requests \\([\\d.]+%\\)$").matcher(s.getMessage());
      assertTrue(unsent.find(), s.getMessage());
      assertEquals(40, s.getSummary().requests() + Long.parseLong(unsent.group(1)),
          "what was counted and what the lost worker did not send make the plan: " + s.getMessage());
      assertCondition(s, Conditions.WORKERS_READY, "False", "WorkerOOMKilled");
    }
  }

  @Test
  void aWorkerLostUnderFailFailsTheRunAndRemovesTheOthers() {
    try (Harness h = new Harness(TARGET.vertx(), test("strict", "headroom-worker:test", "Fail", "30s"))) {
      h.untilPhase(Running, T);
      h.kubelet.kill(1, 0);
      h.untilPhase(Failed, T);
      assertCondition(h.status(), Conditions.WORKERS_READY, "False", "WorkerOOMKilled");
      assertTrue(h.status().getMessage().matches("run 1 failed: worker 0: pod strict-run1-0-\\w+:"
          + " worker exited with code 137 \\(OOMKilled\\) \\(workers.failurePolicy: Fail\\)"), h.status().getMessage());
      assertTrue(h.cluster.events.stream().anyMatch(e -> e.startsWith("Warning WorkerOOMKilled: run 1 failed: ")),
          h.cluster.events.toString());
      assertEquals(List.of("Job ns/strict-run1"), h.cluster.deletions);
      assertTrue(h.kubelet.pods().isEmpty(), "the Job's pods went with it");
    }
  }

  @Test
  void aSilentWorkerWaitsForItsPodsWordSoTheRunNamesTheOomKill() {
    withWorker1Silent("word", h -> {
      h.kubelet.kill(1, 1); // the pod now says why
      h.untilPhase(Failed, T);
      assertCondition(h.status(), Conditions.WORKERS_READY, "False", "WorkerOOMKilled");
      assertTrue(h.status().getMessage().matches("run 1 failed: worker 1: pod word-run1-1-\\w+:"
          + " worker exited with code 137 \\(OOMKilled\\) \\(workers.failurePolicy: Fail\\)"), h.status().getMessage());
    });
  }

  @Test
  void aSilentWorkerWhosePodNeverSaysWhyIsLostAfterTheGrace() {
    withWorker1Silent("mute", h -> {
      h.clock.advance(TestPods.POD_WORD_GRACE.plusSeconds(1));
      h.untilPhase(Failed, T);
      assertCondition(h.status(), Conditions.WORKERS_READY, "False", "WorkerLost");
      assertTrue(h.status().getMessage().startsWith("run 1 failed: worker 1: no answer ("), h.status().getMessage());
    });
  }

  /** Runs {@code then} once worker 1 of a running run under Fail has gone silent while its pod looks alive. */
  private static void withWorker1Silent(String name, Consumer<Harness> then) {
    try (Harness h = new Harness(TARGET.vertx(), test(name, "headroom-worker:test", "Fail", "30s"))) {
      h.untilPhase(Running, T);
      h.kubelet.silence(1, 1);
      // Refused pulls, well past the count that once declared it lost.
      for (int i = 0; i < 3 * IntervalCollector.LOST_AFTER; i++) {
        h.reconcile();
      }
      assertEquals(Running, h.status().getPhase(), "not lost on silence alone: " + h.status().getMessage());
      then.accept(h);
    }
  }

  /**
   * Workers whose Vert.x fell back to NIO (here: native transport not requested) say so in status.
   * The run is held open until the note is seen in it: a 1 s run could otherwise end before a slow
   * machine's first pull, and the running message would never be seen.
   */
  @Test
  void workersOnNioAreNamedInTheRunsMessage() {
    Vertx nio = Vertx.vertx();
    try (Harness h = new Harness(nio, test("nio", "headroom-worker:test", "Fail", "1s"))) {
      h.holdEnd();
      h.until("workers on NIO named while running", T, lt -> lt.getStatus() != null
          && lt.getStatus().getPhase() == Running && lt.getStatus().getMessage().contains("on NIO"));
      assertTrue(h.status().getMessage().contains("; workers 0, 1 on NIO, not native epoll ("), h.status().getMessage());
      h.releaseEnd();
      h.untilPhase(Succeeded, T);
      assertTrue(h.status().getMessage().matches(".*; workers 0, 1 on NIO, not native epoll \\(.+\\): timings less precise$"),
          h.status().getMessage());
    } finally {
      Await.result(nio.close(), T);
    }
  }

  @Test
  void aWorkerEvictedUnderFailFailsTheRunAtOnceNamingTheResource() {
    try (Harness h = new Harness(TARGET.vertx(), test("evict", "headroom-worker:test", "Fail", "30s"))) {
      h.untilPhase(Running, T);
      List<Pod> pods = new ArrayList<>(h.kubelet.pods());
      pods.set(1, TestPods.evicted(pods.get(1), "memory"));

      h.reconcile(pods);
      LoadTestStatus s = h.status();
      assertEquals(Failed, s.getPhase(), "no wait for pulls to fail: the pod said it is gone");
      assertCondition(s, Conditions.WORKERS_READY, "False", "WorkerEvicted");
      assertEquals("run 1 failed: worker 1: pod " + pods.get(1).getMetadata().getName()
          + ": Evicted: The node was low on resource: memory. Threshold quantity: 100Mi, available: 91224Ki."
          + " (workers.failurePolicy: Fail)", s.getMessage());
    }
  }
}
