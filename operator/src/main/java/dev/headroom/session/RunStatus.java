package dev.headroom.session;

import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.RegressionResult;
import dev.headroom.api.v1alpha1.SlowTrace;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.api.v1alpha1.WorkerCounts;
import dev.headroom.capacity.CapacityReport;
import dev.headroom.capacity.CapacitySearch;
import dev.headroom.plan.Tracing;
import dev.headroom.report.ErrorKind;
import dev.headroom.results.RegressionJudge;
import dev.headroom.results.RunConditions;
import dev.headroom.results.RunReport;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import java.util.Optional;

/**
 * What a run's session says in a status, live and at the end: the one place that puts results,
 * capacity figures, verdict, message, worker counts and the conditions they imply into a {@link
 * LoadTestStatus}, for the operator and {@code headroom run} alike. Phase, times and the
 * operator's own conditions (Valid, WorkersReady, SpecChanged) stay with the caller.
 */
public final class RunStatus {

  private RunStatus() {}

  /**
   * Live figures: worker counts, the message, and (when {@code withProgress}) the rates and
   * latencies so far and the capacity search's steps.
   */
  public static void running(LoadTestStatus s, int run, RunSession session, int replicas, boolean withProgress) {
    int lost = session.lost();
    s.setWorkers(new WorkerCounts(replicas, replicas - lost, lost));
    String sending = "run " + run + ": " + (replicas - lost) + " of " + replicas + " workers sending";
    Optional<CapacitySearch> search = session.search();
    s.setMessage(search.filter(c -> !c.finished())
        .map(c -> sending + "; " + CapacityReport.progressLine(c)).orElse(sending)
        + session.transportNote().map(n -> "; " + n).orElse(""));
    if (withProgress) {
      session.results().progress().ifPresent(s::setProgress);
      search.ifPresent(c -> s.setCapacity(CapacityReport.progress(c)));
    }
  }

  /**
   * The final results of a run whose workers all reported: summary, stages, requests, thresholds,
   * capacity, verdict, message and the conditions they imply.
   *
   * @return the report, for a summary table
   */
  public static RunReport finished(LoadTestStatus s, RunSession session, LoadTestSpec spec, LoadTestPhase phase,
      String now, Long generation) {
    int replicas = spec.replicas();
    int lost = session.lost();
    RunReport measured = session.results().report(spec.thresholds());
    RunReport report = session.search().isPresent() ? measured.withoutTrend() : measured;
    s.setPhase(phase);
    report.applyTo(s);
    s.setSlowestTraces(slowestTraces(session, spec));
    session.search().ifPresent(search -> {
      CapacityReport capacity = CapacityReport.of(search, replicas);
      s.setStages(null); // two stages a step on the workers; the steps say it better
      s.setCapacity(capacity.result());
      s.setVerdict(capacity.verdict());
      s.setMessage(capacity.message());
    });
    if (lost > 0) {
      StringBuilder message = new StringBuilder(s.getMessage())
          .append("; ").append(lost).append(" of ").append(replicas).append(" workers lost (")
          .append(session.lostMessage()).append(')');
      // A search fails on any lost worker; a planned run that went on says what the loss cost it.
      if (session.search().isEmpty()) {
        session.unsentShares().forEach(u -> message.append("; ").append(u.text()));
      }
      s.setMessage(message.toString());
    }
    session.transportNote().ifPresent(n -> s.setMessage(s.getMessage() + "; " + n + ": timings less precise"));
    long withoutRows = notStartedForRows(s);
    if (withoutRows > 0) {
      s.setMessage(s.getMessage() + "; Unique rows of spec.data ran out: " + withoutRows + " journeys not started");
    }
    if (phase == LoadTestPhase.Cancelled) {
      s.setMessage("cancelled: " + s.getMessage());
    }
    s.setCompletionTime(now);
    s.setWorkers(new WorkerCounts(replicas, replicas - lost, lost));
    s.setProgress(null);
    RunConditions.of(report, now, generation).forEach(c -> Conditions.put(s, c));
    return report;
  }

  /** Journeys that failed for want of a data row: the test did less than it asked, which the message must say. */
  private static long notStartedForRows(LoadTestStatus s) {
    if (s.getScenarios() == null) {
      return 0;
    }
    return s.getScenarios().stream()
        .mapToLong(r -> r.failedByKind() == null ? 0 : r.failedByKind().getOrDefault(ErrorKind.DATA.key(), 0L)).sum();
  }

  /** Traces in status: enough to start from, few enough that the status stays small. */
  static final int SLOWEST_TRACES = 5;

  private static List<SlowTrace> slowestTraces(RunSession session, LoadTestSpec spec) {
    Tracing tracing = spec.target() == null ? null : spec.target().tracing();
    if (tracing == null) {
      return null;
    }
    List<SlowTrace> slowest = session.results().slowestTraces(SLOWEST_TRACES).stream()
        .map(t -> t.withLink(tracing.linkTo(t.traceId())))
        .toList();
    return slowest.isEmpty() ? null : slowest;
  }

  /**
   * A finished run compared with its baseline: {@code status.regression}, the {@code Regressed}
   * condition, the comparison in the message, and verdict Fail when it regressed.
   */
  public static void compared(LoadTestStatus s, RegressionResult result, String now, Long generation) {
    boolean regressed = Boolean.TRUE.equals(result.regressed());
    String line = RegressionJudge.message(result);
    s.setRegression(result);
    if (regressed) {
      s.setVerdict(Verdict.Fail);
    }
    s.setMessage(s.getMessage() + "; " + line);
    Conditions.put(s, Conditions.of(Conditions.REGRESSED, regressed, regressed ? "Regressed" : "NotRegressed", line,
        now, generation));
  }

  /**
   * A run that was to be compared and could not be: the first of its schedule, a baseline gone
   * since the run started or of another kind. Said in the message and the condition (status
   * Unknown, with {@code reason}); the verdict stands.
   */
  public static void notCompared(LoadTestStatus s, String reason, String why, String now, Long generation) {
    s.setMessage(s.getMessage() + "; not compared: " + why);
    Conditions.put(s, new ConditionBuilder(Conditions.of(Conditions.REGRESSED, false, reason, why, now, generation))
        .withStatus("Unknown").build());
  }
}
