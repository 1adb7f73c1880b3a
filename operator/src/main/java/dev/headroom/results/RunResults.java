package dev.headroom.results;

import dev.headroom.api.v1alpha1.Progress;
import dev.headroom.api.v1alpha1.RequestResult;
import dev.headroom.api.v1alpha1.ScenarioResult;
import dev.headroom.api.v1alpha1.SeriesPoint;
import dev.headroom.api.v1alpha1.SlowTrace;
import dev.headroom.api.v1alpha1.StageResult;
import dev.headroom.api.v1alpha1.Summary;
import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.api.v1alpha1.ThresholdResult;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.journey.Journey;
import dev.headroom.plan.Durations;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.Plan;
import dev.headroom.plan.RequestSpec;
import dev.headroom.plan.Scenario;
import dev.headroom.report.GeneratorHealth;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalBatch;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.JourneyInterval;
import dev.headroom.report.RequestInterval;
import dev.headroom.report.SlowRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The results of one run, merged from the workers' numbered intervals as they arrive. The CLI and
 * the operator both feed it and read it; it does no I/O.
 *
 * <ul>
 *   <li>Adding is idempotent by (worker, seq): each worker's intervals come in seq order, and one
 *       at or below the worker's last merged seq was merged before. Pulling every interval again
 *       after an operator restart, or twice, gives the same totals.
 *   <li>Memory does not grow with the run's length: whole-run figures are tallies (per request,
 *       per stage), the time series is a {@link TimeSeries} of at most {@link #LOG_MAX_INTERVALS}
 *       slots, and only the last {@link #RECENT} interval numbers are kept one by one, for live
 *       figures. {@link #checkpoint} writes all of it down, {@link #restore} reads it back.
 *   <li>Latencies are merged with HdrHistogram {@code add} only, then read: percentiles are never
 *       averaged, so merged figures equal those of one recorder that saw every request.
 *   <li>Warmup intervals (stage &lt; 0) count in {@link #progress()} but in no result.
 *   <li>A rate over the measured window is measured requests over measured time. A stage's
 *       measured time is the span its intervals cover, capped at its planned duration: the planned
 *       duration for a stage that ran to its end, less for one cut short, so a cancelled run's rate
 *       is not diluted by time it never ran. The run's measured time is the sum over its stages.
 * </ul>
 *
 * <p>Safe to call from several threads; every method takes the same lock.
 */
public final class RunResults {

  /** Intervals (about a second each) behind the live figures of {@link #progress()}. */
  public static final int PROGRESS_INTERVALS = 5;

  /** Lines of the interval log before it is coarsened. */
  public static final int LOG_MAX_INTERVALS = 600;

  /** Bytes of a checkpoint at most where the plan allows: a ConfigMap holds 1 MiB in all. */
  public static final int CHECKPOINT_BUDGET = 900_000;

  /** Bytes of the interval log at most: a ConfigMap holds 1 MiB, leave room for the rest. */
  public static final int LOG_BYTE_BUDGET = 700_000;

  /**
   * A worker further behind the front than this many intervals no longer holds back the live
   * figures: it is stalled or lost, and waiting for it would freeze progress.
   */
  static final int KEEPING_UP = 5;

  /** Interval numbers behind the newest that are kept one by one, for live figures. */
  static final int RECENT = 64;

  private final List<PlannedStage> planned;
  private final NavigableMap<Long, Slot> recent = new TreeMap<>();
  /**
   * Beside {@link #recent}, for live metrics: each recent interval number's stage, send lags and
   * journeys started.
   */
  private final NavigableMap<Long, RecentExtra> recentExtra = new TreeMap<>();
  private final TimeSeries series;
  private long firstStartMs = Long.MAX_VALUE;
  private long allErrors;
  private final Map<Integer, Long> lastSeq = new HashMap<>();
  /** Per worker, the end (epoch ms) of its last interval merged: where a lost worker stopped. */
  private final Map<Integer, Long> lastEndMs = new HashMap<>();
  private Tally total = new Tally();
  private final Map<Integer, Tally> stages = new TreeMap<>();
  private final Map<String, Tally> requests = new LinkedHashMap<>();
  /**
   * Per scenario, its journeys as a tally: requests are journeys started, errors journeys failed
   * (by the kind that ended them), latencies the durations of completed journeys.
   */
  private final Map<String, Tally> scenarios = new LinkedHashMap<>();
  /** Per stage, journeys started: its rate is what a stage of scenarios asked for. */
  private final Map<Integer, Long> stageJourneys = new TreeMap<>();
  private long workerIntervals;
  private long saturatedIntervals;
  private final Histogram sendLag = HistogramCodec.newHistogram();

  /**
   * @param stages the plan's stages, by index, for target rates and durations; intervals of a stage
   *     past the end (a capacity step) are measured by their span and have no target
   * @param requestNames the plan's request names, so each is reported in plan order even with no
   *     traffic
   */
  public RunResults(List<PlannedStage> stages, List<String> requestNames) {
    this(stages, requestNames, List.of());
  }

  /** @param scenarioNames the plan's scenarios, each reported in plan order even with no journey */
  public RunResults(List<PlannedStage> stages, List<String> requestNames, List<String> scenarioNames) {
    this(stages, requestNames, scenarioNames, new TimeSeries(LOG_MAX_INTERVALS));
  }

  private RunResults(List<PlannedStage> stages, List<String> requestNames, List<String> scenarioNames,
      TimeSeries series) {
    this.planned = List.copyOf(stages);
    this.series = series;
    requestNames.forEach(name -> requests.put(name, new Tally()));
    scenarioNames.forEach(name -> scenarios.put(name, new Tally()));
  }

  /** For a compiled plan (the CLI). */
  public static RunResults forPlan(ExecutionPlan plan) {
    return new RunResults(PlannedStage.of(plan), plan.requestNames(),
        plan.journeys().stream().map(Journey::name).toList());
  }

  /** For a valid plan as written in a spec, which needs no secrets (the operator). */
  public static RunResults forPlan(Plan plan) {
    if (plan.scenarios() != null) {
      List<String> steps = plan.scenarios().stream().flatMap(s -> s.steps().stream())
          .filter(step -> step.request() != null).map(step -> step.request().name()).toList();
      return new RunResults(PlannedStage.of(plan.load()), steps,
          plan.scenarios().stream().map(Scenario::name).toList());
    }
    List<String> names =
        plan.requests() == null
            ? List.of()
            : plan.requests().stream().map(RequestSpec::name).toList();
    return new RunResults(PlannedStage.of(plan.load()), names);
  }

  /**
   * Merges one worker's interval, unless it was merged before.
   *
   * @return false when this (worker, seq) was already merged: nothing changed
   * @throws IllegalArgumentException when a histogram in it does not decode; nothing is merged then
   */
  public synchronized boolean add(int worker, IntervalReport report) {
    if (report.seq() <= lastSeq(worker)) {
      return false;
    }
    Map<String, RequestInterval> byName = report.requests() == null ? Map.of() : report.requests();
    Map<String, Histogram> latencies = decode(worker, report.seq(), byName);
    Map<String, Histogram> durations = decodeJourneys(worker, report.seq(), report.journeys());
    Histogram lag = sendLagOf(worker, report);
    long count = 0;
    long errors = 0;
    for (RequestInterval interval : byName.values()) {
      count += interval.count();
      errors += errorsOf(interval).values().stream().mapToLong(Long::longValue).sum();
    }
    Histogram all = allRequests(latencies);
    recent.computeIfAbsent(report.seq(), seq -> new Slot()).add(report.startMs(), report.endMs(), count, errors, all);
    firstStartMs = Math.min(firstStartMs, report.startMs());
    allErrors += errors;
    lastSeq.merge(worker, report.seq(), Math::max);
    lastEndMs.merge(worker, report.endMs(), Math::max);
    long front = lastSeq.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    recent.headMap(front - RECENT, false).clear();
    RecentExtra extra = recentExtra.computeIfAbsent(report.seq(), seq -> new RecentExtra(report.stage()));
    extra.addLag(lag);
    report.journeys().values().forEach(j -> extra.journeys += j.started());
    recentExtra.headMap(front - RECENT, false).clear();
    if (!report.warmup()) {
      series.add(report.seq(), report.startMs(), report.endMs(), count, errors, all, report.slowest(),
          report.generator());
      measure(report, byName, latencies, lag);
      report.journeys().forEach((name, j) -> {
        scenarios.computeIfAbsent(name, n -> new Tally()).add(j.started(), j.failed(), durations.get(name));
        stageJourneys.merge(report.stage(), j.started(), Long::sum);
      });
    }
    return true;
  }

  /**
   * Merges every interval of a {@code GET /intervals} answer.
   *
   * @return how many were new
   */
  public synchronized int add(IntervalBatch batch) {
    int added = 0;
    for (IntervalReport report : batch.intervals()) {
      if (add(batch.worker(), report)) {
        added++;
      }
    }
    return added;
  }

  /** The highest seq merged from a worker, -1 when none: the {@code after} of its next pull. */
  public synchronized long lastSeq(int worker) {
    return lastSeq.getOrDefault(worker, -1L);
  }

  /**
   * What {@code worker}, one of {@code workers}, did not send of the plan: its share from the end
   * of its last interval merged to the end of the last interval merged from any worker. The stages
   * are timed from the start of the first stage's first interval: every worker runs one timeline
   * from one instant, so that is where the plan's stages began.
   */
  public synchronized UnsentShare unsent(int worker, int workers) {
    Tally first = stages.get(0);
    if (first == null) {
      return UnsentShare.of(planned, worker, workers, 0, 0); // no stage was measured yet
    }
    long start = first.startMs();
    long lostAt = lastEndMs.getOrDefault(worker, start) - start;
    long end = lastEndMs.values().stream().mapToLong(Long::longValue).max().orElse(start);
    return UnsentShare.of(planned, worker, workers, lostAt, end - start);
  }

  private static Map<String, Histogram> decode(
      int worker, long seq, Map<String, RequestInterval> byName) {
    Map<String, Histogram> decoded = new HashMap<>();
    byName.forEach((name, interval) ->
        decoded.put(name, checkedDecode(interval.histogram(), worker, seq, "request " + name + " latency")));
    return decoded;
  }

  private static Map<String, Histogram> decodeJourneys(int worker, long seq, Map<String, JourneyInterval> journeys) {
    Map<String, Histogram> decoded = new HashMap<>();
    journeys.forEach((name, j) ->
        decoded.put(name, checkedDecode(j.histogram(), worker, seq, "scenario " + name + " journey durations")));
    return decoded;
  }

  /** The interval's send lags, or null from a worker that does not send them. */
  private static Histogram sendLagOf(int worker, IntervalReport report) {
    GeneratorHealth health = report.generator();
    return health == null || health.sendLag() == null
        ? null
        : checkedDecode(health.sendLag(), worker, report.seq(), "send lag");
  }

  private static Histogram checkedDecode(String base64, int worker, long seq, String what) {
    try {
      Histogram h = HistogramCodec.decode(base64);
      if (h.getMaxValue() > HistogramCodec.HIGHEST_US) {
        throw new IllegalArgumentException("beyond the histogram range: " + h.getMaxValue() + "us");
      }
      return h;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "worker " + worker + ", interval " + seq + ", " + what + ": " + e.getMessage(), e);
    }
  }

  /** The requests' latencies together; the one histogram itself for a single request name. */
  private static Histogram allRequests(Map<String, Histogram> latencies) {
    if (latencies.size() == 1) {
      return latencies.values().iterator().next();
    }
    Histogram all = HistogramCodec.newHistogram();
    latencies.values().forEach(all::add);
    return all;
  }

  private static Map<String, Long> errorsOf(RequestInterval interval) {
    return interval.errors() == null ? Map.of() : interval.errors();
  }

  private void measure(IntervalReport report, Map<String, RequestInterval> byName,
      Map<String, Histogram> latencies, Histogram lag) {
    Tally stage = stages.computeIfAbsent(report.stage(), s -> new Tally());
    stage.cover(report.startMs(), report.endMs());
    byName.forEach(
        (name, interval) -> {
          Histogram latency = latencies.get(name);
          Map<String, Long> errors = errorsOf(interval);
          total.add(interval.count(), errors, latency);
          stage.add(interval.count(), errors, latency);
          requests.computeIfAbsent(name, n -> new Tally()).add(interval.count(), errors, latency);
        });
    workerIntervals++;
    GeneratorHealth health = report.generator();
    if (health != null && health.saturated()) {
      saturatedIntervals++;
    }
    if (lag != null) {
      sendLag.add(lag);
    }
  }

  /**
   * Everything merged so far, written down to carry on from after a restart. The time series is
   * coarsened (on a copy) until the whole fits {@code byteBudget} where it can: tallies are
   * bounded by the plan (request names, stages), the series by the budget.
   */
  public synchronized ResultsCheckpoint checkpoint(int byteBudget) {
    ResultsCheckpoint.TallyState all = total.state();
    Map<Integer, ResultsCheckpoint.TallyState> byStage = new TreeMap<>();
    stages.forEach((i, t) -> byStage.put(i, t.state()));
    Map<String, ResultsCheckpoint.TallyState> byRequest = new LinkedHashMap<>();
    requests.forEach((name, t) -> byRequest.put(name, t.state()));
    Map<String, ResultsCheckpoint.TallyState> byScenario = new LinkedHashMap<>();
    scenarios.forEach((name, t) -> byScenario.put(name, t.state()));
    long fixed = CHECKPOINT_OVERHEAD + estimate(all);
    for (ResultsCheckpoint.TallyState t : byStage.values()) {
      fixed += estimate(t);
    }
    for (ResultsCheckpoint.TallyState t : byRequest.values()) {
      fixed += estimate(t);
    }
    for (ResultsCheckpoint.TallyState t : byScenario.values()) {
      fixed += estimate(t);
    }
    TimeSeries fitted = series.copy();
    while (fixed + estimate(fitted) > byteBudget && fitted.byKey().size() > 1) {
      fitted.coarsen();
    }
    List<ResultsCheckpoint.SlotState> slots = new ArrayList<>();
    fitted.byKey().forEach((key, s) -> slots.add(
        new ResultsCheckpoint.SlotState(key, s.startMs, s.endMs, s.requests, s.errors, s.encodedHistogram(), s.slowest,
            s.sendLagP99Us, s.saturated)));
    return new ResultsCheckpoint(new TreeMap<>(lastSeq), new TreeMap<>(lastEndMs), all, byStage, byRequest, fitted.width(), slots,
        firstStartMs, allErrors, workerIntervals, saturatedIntervals,
        sendLag.getTotalCount() == 0 ? null : HistogramCodec.encode(sendLag), byScenario, new TreeMap<>(stageJourneys));
  }

  /**
   * Results carried on from a checkpoint of the same plan: requests and scenarios in plan order,
   * then any other the checkpoint recorded.
   */
  public static RunResults restore(List<PlannedStage> stages, List<String> requestNames, List<String> scenarioNames,
      ResultsCheckpoint c) {
    Map<Long, Slot> slots = new TreeMap<>();
    for (ResultsCheckpoint.SlotState s : c.series()) {
      slots.put(s.key(), new Slot(s.startMs(), s.endMs(), s.requests(), s.errors(), s.latency(), s.slowest(),
          s.sendLagP99Us(), s.saturated()));
    }
    RunResults r = new RunResults(stages, requestNames, scenarioNames,
        TimeSeries.of(LOG_MAX_INTERVALS, c.seriesWidth(), slots));
    r.lastSeq.putAll(c.lastSeq());
    r.lastEndMs.putAll(c.lastEndMs());
    r.total = Tally.of(c.total());
    c.stages().forEach((i, t) -> r.stages.put(i, Tally.of(t)));
    c.requests().forEach((name, t) -> r.requests.put(name, Tally.of(t)));
    c.scenarios().forEach((name, t) -> r.scenarios.put(name, Tally.of(t)));
    r.stageJourneys.putAll(c.stageJourneys());
    r.firstStartMs = c.firstStartMs();
    r.allErrors = c.allErrors();
    r.workerIntervals = c.workerIntervals();
    r.saturatedIntervals = c.saturatedIntervals();
    if (c.sendLag() != null) {
      r.sendLag.add(HistogramCodec.decode(c.sendLag()));
    }
    return r;
  }

  /** For a plan as written in a spec, from a checkpoint. */
  public static RunResults restore(Plan plan, ResultsCheckpoint c) {
    RunResults empty = forPlan(plan);
    return restore(empty.planned, List.copyOf(empty.requests.keySet()), List.copyOf(empty.scenarios.keySet()), c);
  }

  /** Slots held: the time series' and the recent ones, which together bound this object's size. */
  synchronized int slotsHeld() {
    return series.byKey().size() + recent.size();
  }

  /** JSON fields, counts and names of a checkpoint besides its histograms, roughly. */
  private static final int CHECKPOINT_OVERHEAD = 2_000;
  private static final int ENTRY_OVERHEAD = 200;
  /** A slow traced request in JSON: its trace id, name and numbers. */
  private static final int SLOW_REQUEST_BYTES = 150;

  private static long estimate(ResultsCheckpoint.TallyState t) {
    return ENTRY_OVERHEAD + t.latency().length();
  }

  private static long estimate(TimeSeries s) {
    long bytes = 0;
    for (Slot slot : s.byKey().values()) {
      bytes += ENTRY_OVERHEAD + (slot.encodedHistogram() == null ? 0 : slot.encodedHistogram().length())
          + (long) SLOW_REQUEST_BYTES * slot.slowest.size();
    }
    return bytes;
  }

  /** Live figures with the default window of {@link #PROGRESS_INTERVALS}. */
  public Optional<Progress> progress() {
    return progress(PROGRESS_INTERVALS);
  }

  /**
   * Live figures over the last {@code window} settled intervals: those every worker still keeping
   * up has reported, so a worker whose newest interval has not been pulled yet does not show as a
   * dip in the rate. Elapsed time and errors count from the start, warmup included.
   *
   * @return empty before the first interval
   */
  public synchronized Optional<Progress> progress(int window) {
    if (recent.isEmpty()) {
      return Optional.empty();
    }
    long settled = settledSeq();
    NavigableMap<Long, Slot> done = recent.headMap(settled, true);
    if (done.isEmpty()) {
      return Optional.empty();
    }
    long requests = 0;
    long millis = 0;
    Histogram latency = HistogramCodec.newHistogram();
    Iterator<Slot> newestFirst = done.descendingMap().values().iterator();
    for (int i = 0; i < window && newestFirst.hasNext(); i++) {
      Slot slot = newestFirst.next();
      requests += slot.requests;
      millis += slot.spanMs();
      latency.add(slot.histogram());
    }
    long elapsedMs = done.lastEntry().getValue().endMs - firstStartMs;
    long unsettledErrors = recent.tailMap(settled, false).values().stream().mapToLong(s -> s.errors).sum();
    return Optional.of(
        new Progress(
            RunMessage.span(elapsedMs),
            Rates.round(Rates.perSecond(requests, millis)),
            latency.getTotalCount() == 0 ? null : Latencies.text(Metric.P99, latency),
            allErrors - unsettledErrors));
  }

  /** The newest interval number every worker still keeping up has reported; only with intervals. */
  private long settledSeq() {
    long front = lastSeq.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    return lastSeq.values().stream().mapToLong(Long::longValue).filter(s -> s >= front - KEEPING_UP).min().orElseThrow();
  }

  /**
   * The newest settled interval (as {@link #progress(int)} settles them), all workers merged, for
   * live metrics; empty before the first.
   */
  public synchronized Optional<LastInterval> lastInterval() {
    if (recent.isEmpty()) {
      return Optional.empty();
    }
    Map.Entry<Long, Slot> last = recent.floorEntry(settledSeq());
    if (last == null) {
      return Optional.empty();
    }
    Slot slot = last.getValue();
    RecentExtra extra = recentExtra.get(last.getKey());
    return Optional.of(new LastInterval(slot.requests, extra.journeys, slot.spanMs(), targetRps(extra.stage, slot),
        slot.histogram(), extra.lag == null ? null : HistogramCodec.decode(extra.lag)));
  }

  /**
   * What the plan asked for during {@code slot}, per second (a ramp's rate where the slot lies on
   * it): requests, or journeys for scenarios; null in warmup, in a capacity step (past the plan) and
   * for the Closed model.
   */
  private Double targetRps(int stage, Slot slot) {
    Optional<PlannedStage> plannedStage = planned(stage);
    Tally measured = stages.get(stage);
    if (plannedStage.isEmpty() || measured == null || slot.spanMs() == 0) {
      return null;
    }
    long from = (slot.startMs - measured.startMs()) * 1_000_000L;
    Double due = plannedStage.get().requestsBetween(from, from + slot.spanMs() * 1_000_000L);
    return due == null ? null : due * 1000.0 / slot.spanMs();
  }

  /** Per request name, in plan order: requests and failures by kind of the measured run so far. */
  public synchronized Map<String, RequestTotals> requestTotals() {
    Map<String, RequestTotals> out = new LinkedHashMap<>();
    requests.forEach((name, t) -> out.put(name, new RequestTotals(t.requests, Map.copyOf(t.errorsByKind))));
    return out;
  }

  /** One request's counts so far, warmup excluded: they add up to the summary's totals. */
  public record RequestTotals(long requests, Map<String, Long> errorsByKind) {}

  /**
   * One interval merged across workers.
   *
   * @param requests requests sent in it
   * @param journeys journeys started in it: 0 unless the plan {@linkplain #countsJourneys() counts journeys}
   * @param millis its span
   * @param targetRps what the plan asked for during it (journeys per second, for scenarios), null
   *     when the plan does not say
   * @param latency microseconds
   * @param sendLag microseconds, null when the workers do not report it
   */
  public record LastInterval(long requests, long journeys, long millis, Double targetRps, Histogram latency,
      Histogram sendLag) {}

  /**
   * An interval number's stage, its merged send lags (compressed: up to {@link #RECENT} are kept)
   * and the journeys started in it by every worker.
   */
  private static final class RecentExtra {
    final int stage;
    String lag;
    long journeys;

    RecentExtra(int stage) {
      this.stage = stage;
    }

    void addLag(Histogram more) {
      if (more == null) {
        return;
      }
      Histogram merged = lag == null ? HistogramCodec.newHistogram() : HistogramCodec.decode(lag);
      merged.add(more);
      lag = HistogramCodec.encode(merged);
    }
  }

  /** The whole measured run so far, for checks such as a capacity search's. */
  public synchronized Measured total() {
    return total.measured(measuredMillis());
  }

  /** A stage (or capacity step) by index, empty when none of its intervals was merged. */
  public synchronized Optional<Measured> stage(int index) {
    Tally stage = stages.get(index);
    return Optional.ofNullable(stage).map(t -> t.measured(stageMillis(index, t)));
  }

  /** How often the generator was the limit in the measured intervals. */
  public synchronized GeneratorSaturation saturation() {
    long lagP99 = sendLag.getTotalCount() == 0 ? -1 : sendLag.getValueAtPercentile(99);
    return new GeneratorSaturation(saturatedIntervals, workerIntervals, lagP99);
  }

  /** The results so far, with the spec's thresholds evaluated; call it once the run is over. */
  public synchronized RunReport report(List<Threshold> thresholds) {
    long measuredMs = measuredMillis();
    Measured all = total.measured(measuredMs);
    Map<String, Measured> byRequest = new LinkedHashMap<>();
    requests.forEach((name, tally) -> byRequest.put(name, tally.measured(measuredMs)));
    Map<String, Measured> byScenario = new LinkedHashMap<>();
    scenarios.forEach((name, tally) -> byScenario.put(name, tally.measured(measuredMs)));
    List<ThresholdResult> evaluated =
        thresholds == null
            ? List.of()
            : thresholds.stream().map(t -> ThresholdEvaluator.evaluate(t, all, byRequest, byScenario)).toList();
    boolean passed = evaluated.stream().allMatch(r -> Boolean.TRUE.equals(r.passed()));
    GeneratorSaturation saturation = saturation();
    Trend trend = trend().orElse(null);
    Double journeysPerSecond = countsJourneys() ? Rates.perSecond(journeysStarted(), measuredMs) : null;
    String message = RunMessage.of(all, journeysPerSecond, evaluated, saturation);
    return new RunReport(
        summary(all, journeysPerSecond),
        stageResults(),
        requestResults(byRequest),
        scenarioResults(measuredMs),
        evaluated,
        passed ? Verdict.Pass : Verdict.Fail,
        trend != null && trend.drift() ? message + "; " + trend.line() : message,
        saturation,
        trend);
  }

  /**
   * The measured run's first and last hour (or tenth) compared, from the time series: exact
   * histograms merged over each window. Empty for a run too short to speak of a trend.
   */
  public synchronized Optional<Trend> trend() {
    List<TrendSample> samples = new ArrayList<>();
    for (Slot s : series.slots()) {
      samples.add(new TrendSample(s.startMs, s.endMs, s.requests, s.errors, s.histogram()));
    }
    return Trend.of(samples);
  }

  /** @param journeysPerSecond null for a plan of requests */
  private Summary summary(Measured all, Double journeysPerSecond) {
    Double target = targetRate();
    boolean journeys = journeysPerSecond != null;
    return new Summary(
        all.requests(),
        all.errors(),
        Percent.of(all.errors(), all.requests()),
        Rates.round(all.rps()),
        journeys ? null : target,
        journeys ? Rates.round(journeysPerSecond) : null,
        journeys ? target : null,
        Latencies.of(all.latency()),
        total.errorsByKind.isEmpty()
            ? null
            : Collections.unmodifiableMap(new TreeMap<>(total.errorsByKind)));
  }

  private List<StageResult> stageResults() {
    List<StageResult> out = new ArrayList<>();
    stages.forEach(
        (index, tally) -> {
          Measured m = tally.measured(stageMillis(index, tally));
          Double target = planned(index).map(PlannedStage::targetRps).map(Rates::round).orElse(null);
          Double journeysPerSecond = countsJourneys()
              ? Rates.round(Rates.perSecond(stageJourneys.getOrDefault(index, 0L), m.millis()))
              : null;
          out.add(
              new StageResult(
                  index, journeysPerSecond == null ? target : null, journeysPerSecond == null ? null : target,
                  journeysPerSecond, Rates.round(m.rps()), m.requests(), m.errors(), Latencies.of(m.latency())));
        });
    return List.copyOf(out);
  }

  private static List<RequestResult> requestResults(Map<String, Measured> byRequest) {
    List<RequestResult> out = new ArrayList<>();
    byRequest.forEach(
        (name, m) ->
            out.add(
                new RequestResult(
                    name, m.requests(), m.errors(), Rates.round(m.rps()),
                    Latencies.of(m.latency()))));
    return List.copyOf(out);
  }

  private List<ScenarioResult> scenarioResults(long measuredMs) {
    List<ScenarioResult> out = new ArrayList<>();
    scenarios.forEach((name, t) -> {
      Measured m = t.measured(measuredMs);
      out.add(new ScenarioResult(name, m.requests(), m.requests() - m.errors(), m.errors(),
          t.errorsByKind.isEmpty() ? null : Collections.unmodifiableMap(new TreeMap<>(t.errorsByKind)),
          Rates.round(m.rps()), m.latency().getTotalCount() == 0 ? null : Latencies.of(m.latency())));
    });
    return List.copyOf(out);
  }

  /**
   * The merged latencies as an HdrHistogram interval log, one line per interval (coarsened past
   * {@link #LOG_MAX_INTERVALS} lines), at most {@link #LOG_BYTE_BUDGET} bytes.
   */
  public String intervalLog() {
    return intervalLog(LOG_MAX_INTERVALS, LOG_BYTE_BUDGET);
  }

  /** Requests and errors over time, slot by slot, in time order. */
  public synchronized List<SeriesPoint> series() {
    return series.slots().stream().map(s -> new SeriesPoint(s.startMs, s.endMs, s.requests, s.errors, s.slowest,
        s.sendLagP99Us, s.saturated)).toList();
  }

  /**
   * The run's slowest traced requests, slowest first: the top of each slot's slowest, so each
   * is one of its interval's {@link SlowRequest#PER_INTERVAL} slowest. Each is dated by its slot's
   * start.
   */
  public synchronized List<SlowTrace> slowestTraces(int limit) {
    record Dated(SlowRequest request, long startMs) {}
    List<Dated> all = new ArrayList<>();
    for (Slot s : series.slots()) {
      s.slowest.forEach(r -> all.add(new Dated(r, s.startMs)));
    }
    all.sort(Comparator.comparingLong((Dated d) -> d.request().latencyUs()).reversed());
    return all.stream().limit(limit).map(d -> new SlowTrace(
        d.request().traceId(), d.request().request(), Durations.formatMicros(d.request().latencyUs()),
        d.request().timedOut() ? null : d.request().status(),
        Instant.ofEpochMilli(d.startMs()).toString(), null)).toList();
  }

  /** {@link #intervalLog()} with other bounds; a single merged line may exceed a tiny budget. */
  public synchronized String intervalLog(int maxIntervals, int byteBudget) {
    return IntervalLog.render(series.slots(), series.width(), maxIntervals, byteBudget);
  }

  private Optional<PlannedStage> planned(int index) {
    boolean known = index >= 0 && index < planned.size();
    return known ? Optional.of(planned.get(index)) : Optional.empty();
  }

  private long stageMillis(int index, Tally stage) {
    long plannedMs = planned(index).map(p -> p.durationNanos() / 1_000_000).orElse(Long.MAX_VALUE);
    return Math.min(stage.spanMs(), plannedMs);
  }

  private long measuredMillis() {
    long sum = 0;
    for (Map.Entry<Integer, Tally> e : stages.entrySet()) {
      sum += stageMillis(e.getKey(), e.getValue());
    }
    return sum;
  }

  /**
   * Whether the plan's rates count journeys, as they do for scenarios; requests otherwise. A
   * summary or stage says which, and so do the live metrics, so no reader sets a target of journeys
   * beside achieved requests.
   */
  public synchronized boolean countsJourneys() {
    return !scenarios.isEmpty();
  }

  private long journeysStarted() {
    return scenarios.values().stream().mapToLong(t -> t.requests).sum();
  }

  /**
   * The stages' targets weighted by their measured time, per second of what the plan's rates
   * count; null when a stage that ran had none.
   */
  private Double targetRate() {
    double weighted = 0;
    long millis = 0;
    for (Map.Entry<Integer, Tally> e : stages.entrySet()) {
      Optional<Double> target = planned(e.getKey()).map(PlannedStage::targetRps);
      if (target.isEmpty()) {
        return null;
      }
      long ms = stageMillis(e.getKey(), e.getValue());
      weighted += target.get() * ms;
      millis += ms;
    }
    return millis == 0 ? null : Rates.round(weighted / millis);
  }
}
