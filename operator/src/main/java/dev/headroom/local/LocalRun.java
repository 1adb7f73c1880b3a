package dev.headroom.local;

import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.ResultsRef;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.results.RunReport;
import dev.headroom.session.RunStatus;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code headroom run}: the LoadTest's workers in this process, driven over their control ports,
 * ending in the same status object the operator writes.
 */
public final class LocalRun {

  static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final LoadTestSpec spec;
  private final ExecutionPlan plan;
  private final RunDriver.Listener listener;
  private volatile RunDriver driver;
  private volatile boolean cancelled;
  private RunReport report;

  public LocalRun(Vertx vertx, LoadTestSpec spec, ExecutionPlan plan, RunDriver.Listener listener) {
    this.vertx = vertx;
    this.spec = spec;
    this.plan = plan;
    this.listener = listener;
  }

  /** Stops the run early, keeping what was measured. Callable from any thread. */
  public void cancel() {
    cancelled = true;
    RunDriver d = driver;
    if (d != null) {
      d.cancel();
    }
  }

  /**
   * Runs to the end (or to a cancel) and returns the status.
   *
   * @throws RunDriver.RunException when the run could not start
   */
  public LoadTestStatus execute() {
    int replicas = spec.replicas();
    LocalWorkers workers;
    try {
      workers = LocalWorkers.start(vertx, plan, replicas).await();
    } catch (Exception e) {
      throw new RunDriver.RunException("cannot start " + replicas + " workers: " + e.getMessage());
    }
    try {
      driver = new RunDriver(workers.controls(), spec, listener);
      if (cancelled) {
        driver.cancel();
      }
      long startAt = driver.run(READY_TIMEOUT);
      String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      LoadTestStatus status = new LoadTestStatus();
      status.setRun(1);
      status.setStartTime(Instant.ofEpochMilli(startAt).truncatedTo(ChronoUnit.SECONDS).toString());
      report = RunStatus.finished(status, driver.session(), spec,
          driver.cancelled() ? LoadTestPhase.Cancelled : LoadTestPhase.Succeeded, now, null);
      // No ConfigMap here: the log goes with the status, so a saved status can be a later baseline.
      status.setResults(ResultsRef.inline(driver.session().results().intervalLog(),
          driver.session().results().series()));
      return status;
    } finally {
      workers.close().await();
    }
  }

  /** The finished run's report; only after {@link #execute()}. */
  public RunReport report() {
    return report;
  }
}
