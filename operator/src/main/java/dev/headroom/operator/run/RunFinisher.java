package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.Regression;
import dev.headroom.api.v1alpha1.ResultsRef;
import dev.headroom.operator.ReportRoutes;
import dev.headroom.operator.kube.Cluster;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.results.RegressionJudge;
import dev.headroom.results.RunFigures;
import dev.headroom.session.Conditions;
import dev.headroom.session.RunFailure;
import dev.headroom.session.RunSession;
import dev.headroom.session.RunStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends runs, in one of three ways: a spec refused before anything was created, a run that failed
 * (its workers are removed at once), or a run whose workers all finished (final results in status
 * and in a results ConfigMap; the workers are stopped by {@link RunSettler} once that status is
 * written, so a failed status write cannot lose them).
 */
public final class RunFinisher {

  private static final Logger LOG = LoggerFactory.getLogger(RunFinisher.class);

  private final Cluster cluster;
  private final Baselines baselines;
  private final String reportUrl;

  /** @param reportUrl where users reach the operator's reports, or null when it is not known */
  public RunFinisher(Cluster cluster, String reportUrl) {
    this.cluster = cluster;
    this.baselines = new Baselines(cluster);
    this.reportUrl = reportUrl;
  }

  /**
   * Refuses a spec: {@code Failed}, {@code Valid=False} with the reason, nothing created. The last
   * run's completion time stays (the refusal's time when there was none), so the TTL still removes
   * that run's workers when it falls due.
   */
  public Outcome reject(Observed o, SpecCheck.Rejection rejection) {
    LoadTestStatus s = new LoadTestStatus();
    s.setPhase(LoadTestPhase.Failed);
    s.setRun(o.status().getRun());
    s.setObservedGeneration(o.generation());
    s.setRunToken(RunTrigger.runToken(o.loadTest()));
    s.setMessage(rejection.message());
    s.setCompletionTime(o.status().getCompletionTime() != null ? o.status().getCompletionTime() : o.nowText());
    s.setConditions(o.status().getConditions());
    // No SpecChanged: the spec it was about has been judged, and no run will use it.
    Conditions.retain(s, Set.of(Conditions.VALID));
    Conditions.put(s, Conditions.of(Conditions.VALID, false, rejection.reason(), rejection.detail(),
        o.nowText(), o.generation()));
    return new Outcome(s, null, rejection.reason());
  }

  /**
   * Fails the run {@code status} describes: {@code Failed} with the reason on {@code WorkersReady},
   * and its Job deleted so no worker is left running or waiting.
   */
  public Outcome fail(LoadTest lt, LoadTestStatus status, RunFailure failure, Instant now) {
    LoadTestStatus s = status;
    String text = Observed.rfc3339(now);
    s.setPhase(LoadTestPhase.Failed);
    s.setMessage("run " + s.getRun() + " failed: " + failure.getMessage());
    s.setCompletionTime(text);
    s.setProgress(null);
    Conditions.put(s, Conditions.of(Conditions.WORKERS_READY, false, failure.reason(), failure.getMessage(),
        text, s.getObservedGeneration()));
    if (s.getRun() != null && s.getRun() > 0) {
      deleteJob(lt, s.getRun());
    }
    return new Outcome(s, null, failure.reason());
  }

  /**
   * The run's results, final: summary, stages, requests, thresholds, verdict, message, conditions
   * and the merged interval log in a results ConfigMap.
   *
   * @throws RunFailure when every worker was lost and there is nothing to report
   */
  public Outcome finish(Observed o, ActiveRun run) {
    int replicas = run.replicas();
    RunSession session = run.session();
    if (session.lost() == replicas) {
      throw new RunFailure(run.lossReason(), "every worker was lost: " + session.lostMessage());
    }
    LoadTest lt = o.loadTest();
    LoadTestStatus s = o.draft();
    RunStatus.finished(s, session, run.spec(), LoadTestPhase.Succeeded, o.nowText(), s.getObservedGeneration());
    String intervalLog = session.results().intervalLog();
    if (run.spec().regression() != null) {
      compare(lt, run, s, intervalLog, o.nowText());
    }
    s.setResults(ResultsRef.inConfigMap(WorkerResources.resultsConfigMapName(lt, run.run()),
        reportUrl == null ? null : reportUrl + ReportRoutes.path(lt, run.run())));
    try {
      // The stored status carries the comparison, so Previous can pass over a run that regressed.
      cluster.createIfAbsent(WorkerResources.resultsConfigMap(lt, run.run(), run.spec(), intervalLog,
          session.results().series(), s));
    } catch (Cluster.Refused e) {
      // The results in status are what the user came for; a copy the API server will not take
      // (a quota, an admission policy) must not hold them back, only be missed, with the reason.
      s.setResults(null);
      s.setMessage(s.getMessage() + "; no results ConfigMap: " + e.getMessage());
    }
    return Outcome.of(s, null);
  }

  private void compare(LoadTest lt, ActiveRun run, LoadTestStatus s, String intervalLog, String now) {
    Regression regression = run.spec().regression();
    try {
      Baselines.Found baseline = baselines.find(lt, regression, run.run(), s.getObservedGeneration());
      if (baseline.figures().isEmpty()) {
        RunStatus.notCompared(s, "NoBaseline", baseline.why(), now, s.getObservedGeneration());
        return;
      }
      RunFigures figures = RunFigures.of(lt.getMetadata().getName() + " run " + run.run(), s, intervalLog);
      Optional<String> incomparable = RegressionJudge.incomparable(baseline.figures().get(), figures);
      if (incomparable.isPresent()) {
        RunStatus.notCompared(s, "NotComparable", incomparable.get(), now, s.getObservedGeneration());
        return;
      }
      RunStatus.compared(s, RegressionJudge.judge(regression, baseline.figures().get(), figures), now,
          s.getObservedGeneration());
    } catch (RuntimeException e) {
      // The run's own results stand; a baseline that cannot be read costs only the comparison.
      LOG.warn("cannot compare {} run {} with its baseline: {}", lt.getMetadata().getName(), run.run(), e.getMessage());
      RunStatus.notCompared(s, "BaselineUnreadable", "baseline unreadable: " + e.getMessage(), now,
          s.getObservedGeneration());
    }
  }

  private void deleteJob(LoadTest lt, int run) {
    try {
      cluster.deleteJob(lt.getMetadata().getNamespace(), WorkerResources.jobName(lt, run));
    } catch (RuntimeException e) {
      // The failure is what matters to the user; the TTL or the LoadTest's deletion removes the Job.
      LOG.warn("cannot delete Job {} of failed run {}: {}", WorkerResources.jobName(lt, run), run, e.getMessage());
    }
  }
}
