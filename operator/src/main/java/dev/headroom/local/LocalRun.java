package dev.headroom.local;

import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.WorkerCounts;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.results.RunConditions;
import dev.headroom.results.RunReport;
import dev.headroom.results.RunResults;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;

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
  private final RunResults results;
  private volatile RunDriver driver;
  private volatile boolean cancelled;
  private RunReport report;

  public LocalRun(Vertx vertx, LoadTestSpec spec, ExecutionPlan plan, RunDriver.Listener listener) {
    this.vertx = vertx;
    this.spec = spec;
    this.plan = plan;
    this.listener = listener;
    this.results = RunResults.forPlan(plan);
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
      driver = new RunDriver(workers.controls(), results, listener);
      if (cancelled) {
        driver.cancel();
      }
      RunDriver.Outcome outcome = driver.run(READY_TIMEOUT);
      int lost = outcome.lostWorkers();
      report = results.report(spec.thresholds());
      String now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
      LoadTestStatus status = new LoadTestStatus();
      status.setPhase(driver.cancelled() ? LoadTestPhase.Cancelled : LoadTestPhase.Succeeded);
      status.setRun(1);
      status.setStartTime(Instant.ofEpochMilli(outcome.startAtEpochMs()).toString());
      status.setCompletionTime(now);
      status.setWorkers(new WorkerCounts(replicas, replicas - lost, lost));
      report.applyTo(status);
      status.setConditions(RunConditions.of(report, now, null));
      if (driver.cancelled()) {
        status.setMessage("cancelled: " + status.getMessage());
      }
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
