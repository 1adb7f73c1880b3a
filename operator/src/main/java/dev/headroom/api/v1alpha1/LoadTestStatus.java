package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Objects;

/**
 * The only output of a {@link LoadTest}: where its latest run is, and what it measured. Absent
 * fields are not written, so a status holds only what is known so far.
 *
 * <p>A mutable bean because the operator fills it in steps (phase, workers, progress, then the
 * results); the values inside are immutable records. Equality is by value, so the operator can skip
 * a write when nothing changed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "phase", "verdict", "message", "observedGeneration", "runToken", "run", "startTime", "completionTime",
  "workers", "conditions", "progress", "summary", "stages", "requests", "scenarios", "thresholds", "capacity", "trend",
  "regression", "slowestTraces", "results"
})
public class LoadTestStatus {

  private LoadTestPhase phase;
  private Verdict verdict;
  private String message;
  private Long observedGeneration;
  private String runToken;
  private Integer run;
  private String startTime;
  private String completionTime;
  private WorkerCounts workers;
  private List<Condition> conditions;
  private Progress progress;
  private Summary summary;
  private List<StageResult> stages;
  private List<RequestResult> requests;
  private List<ScenarioResult> scenarios;
  private List<ThresholdResult> thresholds;
  private CapacityResult capacity;
  private TrendResult trend;
  private RegressionResult regression;
  private List<SlowTrace> slowestTraces;
  private ResultsRef results;

  @JsonPropertyDescription("Pending, Starting, Running, Succeeded, Failed or Cancelled.")
  public LoadTestPhase getPhase() {
    return phase;
  }

  public void setPhase(LoadTestPhase phase) {
    this.phase = phase;
  }

  /** Set when the run ends: Fail when a threshold (or the required headroom) was not met. */
  @JsonPropertyDescription("Pass or Fail, set when the run ends: Fail when a threshold or the required headroom was not met.")
  public Verdict getVerdict() {
    return verdict;
  }

  public void setVerdict(Verdict verdict) {
    this.verdict = verdict;
  }

  /** One line for humans, such as {@code 1000 rps for 2m: p99 41.2ms, 0.02% errors, ...}. */
  @JsonPropertyDescription("One line for humans, such as: 1000 rps for 2m: p99 41.2ms, 0.02% errors, all 3 thresholds met.")
  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @JsonPropertyDescription("The spec generation the current run uses.")
  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  @JsonPropertyDescription("The headroom.dev/run-token annotation the latest run was started (or"
      + " refused) with; a new value starts a new run of the same spec.")
  public String getRunToken() {
    return runToken;
  }

  public void setRunToken(String runToken) {
    this.runToken = runToken;
  }

  /** Counts the runs of this resource; increments on every new run. */
  @JsonPropertyDescription("Counts the runs of this resource; increments on every new run.")
  public Integer getRun() {
    return run;
  }

  public void setRun(Integer run) {
    this.run = run;
  }

  /** RFC 3339. */
  @JsonPropertyDescription("When the workers started sending (RFC 3339).")
  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  /** RFC 3339. */
  @JsonPropertyDescription("When the run ended (RFC 3339).")
  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public WorkerCounts getWorkers() {
    return workers;
  }

  public void setWorkers(WorkerCounts workers) {
    this.workers = workers;
  }

  /** {@code WorkersReady}, {@code ThresholdsMet}, {@code GeneratorSaturated}, ... */
  @JsonPropertyDescription("Valid, WorkersReady, ThresholdsMet, GeneratorSaturated, SpecChanged, ...")
  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  @JsonPropertyDescription("A live view while the run is in progress.")
  public Progress getProgress() {
    return progress;
  }

  public void setProgress(Progress progress) {
    this.progress = progress;
  }

  @JsonPropertyDescription("The whole measured run (warmup excluded), all requests together.")
  public Summary getSummary() {
    return summary;
  }

  public void setSummary(Summary summary) {
    this.summary = summary;
  }

  @JsonPropertyDescription("Per stage of spec.load.stages.")
  public List<StageResult> getStages() {
    return stages;
  }

  public void setStages(List<StageResult> stages) {
    this.stages = stages;
  }

  @JsonPropertyDescription("Per request name of the mix.")
  public List<RequestResult> getRequests() {
    return requests;
  }

  public void setRequests(List<RequestResult> requests) {
    this.requests = requests;
  }

  @JsonPropertyDescription("With spec.scenarios: per scenario, its journeys and their durations.")
  public List<ScenarioResult> getScenarios() {
    return scenarios;
  }

  public void setScenarios(List<ScenarioResult> scenarios) {
    this.scenarios = scenarios;
  }

  @JsonPropertyDescription("Each threshold of the spec, evaluated.")
  public List<ThresholdResult> getThresholds() {
    return thresholds;
  }

  public void setThresholds(List<ThresholdResult> thresholds) {
    this.thresholds = thresholds;
  }

  @JsonPropertyDescription("What the capacity search found.")
  public CapacityResult getCapacity() {
    return capacity;
  }

  public void setCapacity(CapacityResult capacity) {
    this.capacity = capacity;
  }

  @JsonPropertyDescription("A run of 10 minutes or more: p99 and error rate in its first and last hour"
      + " (or tenth), and whether they drifted significantly.")
  public TrendResult getTrend() {
    return trend;
  }

  public void setTrend(TrendResult trend) {
    this.trend = trend;
  }

  @JsonPropertyDescription("The run compared with its baseline (spec.regression).")
  public RegressionResult getRegression() {
    return regression;
  }

  public void setRegression(RegressionResult regression) {
    this.regression = regression;
  }

  @JsonPropertyDescription("With spec.target.tracing: the run's slowest traced requests, slowest first,"
      + " each one of its interval's three slowest, to open in the target's tracing backend.")
  public List<SlowTrace> getSlowestTraces() {
    return slowestTraces;
  }

  public void setSlowestTraces(List<SlowTrace> slowestTraces) {
    this.slowestTraces = slowestTraces;
  }

  @JsonPropertyDescription("Where the full results live.")
  public ResultsRef getResults() {
    return results;
  }

  public void setResults(ResultsRef results) {
    this.results = results;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof LoadTestStatus s)) {
      return false;
    }
    return phase == s.phase
        && verdict == s.verdict
        && Objects.equals(message, s.message)
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(runToken, s.runToken)
        && Objects.equals(run, s.run)
        && Objects.equals(startTime, s.startTime)
        && Objects.equals(completionTime, s.completionTime)
        && Objects.equals(workers, s.workers)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(progress, s.progress)
        && Objects.equals(summary, s.summary)
        && Objects.equals(stages, s.stages)
        && Objects.equals(requests, s.requests)
        && Objects.equals(scenarios, s.scenarios)
        && Objects.equals(thresholds, s.thresholds)
        && Objects.equals(capacity, s.capacity)
        && Objects.equals(trend, s.trend)
        && Objects.equals(regression, s.regression)
        && Objects.equals(slowestTraces, s.slowestTraces)
        && Objects.equals(results, s.results);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        phase, verdict, message, observedGeneration, runToken, run, startTime, completionTime, workers,
        conditions, progress, summary, stages, requests, scenarios, thresholds, capacity, trend, regression,
        slowestTraces, results);
  }

  @Override
  public String toString() {
    return "LoadTestStatus{phase=" + phase + ", verdict=" + verdict + ", message=" + message
        + ", observedGeneration=" + observedGeneration + ", run=" + run + ", workers=" + workers
        + ", progress=" + progress + ", summary=" + summary + "}";
  }
}
