package dev.headroom.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.collect.WorkerControl;
import dev.headroom.operator.run.Observed;
import dev.headroom.operator.run.RunTiming;
import dev.headroom.operator.run.WorkerLinks;
import dev.headroom.report.IntervalBatch;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * One LoadTest, the reconciler, a fake API server and a loopback kubelet: reconciles as JOSDK
 * would (when asked to requeue), applies each status write the way the API server does, and keeps
 * what a test checks (phases seen, writes made).
 */
public final class Harness implements AutoCloseable {

  /** Fast enough for tests: a start lead and poll of a tenth of a second. */
  public static final RunTiming TIMING = new RunTiming(
      Duration.ofMillis(150), Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(30),
      Duration.ofMillis(500));

  private static final ObjectMapper COPIER = new ObjectMapper();
  private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  public final FakeCluster cluster = new FakeCluster();
  public final LoopbackKubelet kubelet;
  public final ShiftedClock clock = new ShiftedClock();
  public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  public final List<LoadTestPhase> phases = new ArrayList<>();
  private final OperatorConfig config;
  private final HttpClient http;
  private LoadTestReconciler reconciler;
  private LoadTest loadTest;
  private final OperatorMetrics metrics = new OperatorMetrics(registry);
  private int writes;
  private int progressWritten;
  private UpdateControl<LoadTest> last;
  private LoadTest beforeLastWrite;
  /** While set, no worker's answer says it has finished: see {@link #holdEnd()}. */
  private volatile boolean endHeld;

  public Harness(Vertx vertx, LoadTest loadTest, Map<String, String> env) {
    this.loadTest = loadTest;
    this.config = OperatorConfig.fromEnv(env);
    this.kubelet = new LoopbackKubelet(vertx, cluster);
    this.http = vertx.createHttpClient();
    restartOperator();
  }

  public Harness(Vertx vertx, LoadTest loadTest) {
    this(vertx, loadTest, Map.of());
  }

  /** A new reconciler with nothing in memory, as after the operator's pod was replaced. */
  public void restartOperator() {
    WorkerLinks links = WorkerLinks.http(http);
    reconciler = new LoadTestReconciler(config, cluster, (e, token) -> new EndHolding(links.link(e, token)),
        TIMING, clock, metrics);
  }

  /**
   * Holds the run open: from now until {@link #releaseEnd()}, every worker's answer says it is still
   * running once it has finished too (its intervals all pass), so the run cannot end. A test that
   * must see a short run while it is {@code Running} (a loss counted, a note written) holds it
   * instead of guessing a duration that outlasts a slow machine's reconciles.
   */
  public void holdEnd() {
    endHeld = true;
  }

  /** Lets the run end: the workers' next answers say they have finished, as they have. */
  public void releaseEnd() {
    endHeld = false;
  }

  /** A worker's control port as the operator reaches it, with its finish kept back while the end is held. */
  private final class EndHolding implements WorkerControl {
    private final WorkerControl control;

    EndHolding(WorkerControl control) {
      this.control = control;
    }

    @Override
    public int index() {
      return control.index();
    }

    @Override
    public Future<Boolean> ready() {
      return control.ready();
    }

    @Override
    public Future<Long> start(long startAtEpochMs) {
      return control.start(startAtEpochMs);
    }

    @Override
    public Future<Long> rate(int step, double totalRate, long atEpochMs) {
      return control.rate(step, totalRate, atEpochMs);
    }

    @Override
    public Future<IntervalBatch> intervals(long after, long ack) {
      return control.intervals(after, ack).map(b -> endHeld && b.finished()
          ? new IntervalBatch(b.worker(), b.workers(), "running", b.intervals(), b.acked(), b.transportProblem())
          : b);
    }

    @Override
    public Future<Void> stop() {
      return control.stop();
    }

    @Override
    public String lostBecause() {
      return control.lostBecause();
    }

    @Override
    public boolean silenceMeansLost() {
      return control.silenceMeansLost();
    }
  }

  public LoadTest loadTest() {
    return loadTest;
  }

  public LoadTestStatus status() {
    return loadTest.getStatus();
  }

  public int writes() {
    return writes;
  }

  /** How many status writes carried live progress. */
  public int progressWritten() {
    return progressWritten;
  }

  /** The last reconcile's answer. */
  public UpdateControl<LoadTest> last() {
    return last;
  }

  public Observed observe() {
    return Observed.of(loadTest, cluster.jobs(), kubelet.pods(), clock.instant());
  }

  /** One reconcile; its status write, if any, is applied. */
  public UpdateControl<LoadTest> reconcile() {
    return reconcile(observe());
  }

  /**
   * One reconcile of the LoadTest as it was before the last status write, as an informer's cache
   * can still show it when a pod event arrives right after the write; its write, if any, is applied.
   */
  public UpdateControl<LoadTest> reconcileStale() {
    return reconcile(Observed.of(beforeLastWrite, cluster.jobs(), kubelet.pods(), clock.instant()));
  }

  /** One reconcile that sees {@code pods} (made up, say) instead of the kubelet's. */
  public UpdateControl<LoadTest> reconcile(List<Pod> pods) {
    return reconcile(Observed.of(loadTest, cluster.jobs(), pods, clock.instant()));
  }

  private UpdateControl<LoadTest> reconcile(Observed observed) {
    last = reconciler.reconcile(observed, false);
    if (last.isPatchStatus()) {
      beforeLastWrite = COPIER.convertValue(loadTest, LoadTest.class);
      LoadTest patch = last.getResource().orElseThrow();
      assertEquals(loadTest.getMetadata().getName(), patch.getMetadata().getName());
      assertEquals(loadTest.getMetadata().getNamespace(), patch.getMetadata().getNamespace());
      assertNull(patch.getSpec(), "a status write carries the status only");
      assertNull(patch.getMetadata().getUid());
      assertNull(patch.getMetadata().getResourceVersion());
      loadTest.setStatus(COPIER.convertValue(patch.getStatus(), LoadTestStatus.class));
      writes++;
      if (loadTest.getStatus().getProgress() != null) {
        progressWritten++;
      }
      LoadTestPhase phase = loadTest.getStatus().getPhase();
      if (phases.isEmpty() || phases.get(phases.size() - 1) != phase) {
        phases.add(phase);
      }
    }
    return last;
  }

  /** Reconciles, pausing as asked to requeue, until {@code done} holds; fails at the deadline. */
  public void until(String what, Duration timeout, Predicate<LoadTest> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      UpdateControl<LoadTest> control = reconcile();
      if (done.test(loadTest)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; status " + status()
            + "; events " + cluster.events);
      }
      long pause = control.getScheduleDelay().map(TimeUnit.MILLISECONDS::toNanos).orElse(MAX_PAUSE_NANOS);
      LockSupport.parkNanos(Math.min(pause, MAX_PAUSE_NANOS));
    }
  }

  public void untilPhase(LoadTestPhase phase, Duration timeout) {
    until("phase " + phase, timeout, lt -> lt.getStatus() != null && lt.getStatus().getPhase() == phase);
  }

  /** The user edits the spec: a new generation. */
  public void editSpec(LoadTestSpec spec) {
    loadTest.setSpec(spec);
    loadTest.getMetadata().setGeneration(loadTest.getMetadata().getGeneration() + 1);
  }

  /**
   * A delete that waits for other finalizers (foreground, as Argo CD prunes): the LoadTest stays,
   * with a deletion timestamp and, as the API server does then, a new generation.
   */
  public void markForDeletion() {
    loadTest.getMetadata().setDeletionTimestamp(clock.instant().toString());
    loadTest.getMetadata().setFinalizers(new ArrayList<>(List.of("foregroundDeletion")));
    loadTest.getMetadata().setGeneration(loadTest.getMetadata().getGeneration() + 1);
  }

  /** The user deletes the LoadTest: JOSDK reconciles its last state once more, as gone. */
  public void delete() {
    last = reconciler.reconcile(observe(), true);
  }

  @Override
  public void close() {
    kubelet.close();
    http.close();
  }
}
