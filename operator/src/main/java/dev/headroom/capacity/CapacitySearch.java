package dev.headroom.capacity;

import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.api.v1alpha1.ThresholdResult;
import dev.headroom.plan.Durations;
import dev.headroom.report.IntervalReport;
import dev.headroom.results.Measured;
import dev.headroom.results.Metric;
import dev.headroom.results.Percent;
import dev.headroom.results.Rates;
import dev.headroom.results.ThresholdEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The search for the highest rate that meets the SLO. Pure logic: it is fed the workers'
 * intervals and asked, after each pull, what to do next; the run session does the I/O.
 *
 * <p>Rates go up by {@link CapacityPlan#GROWTH} from {@code startRate} until a step breaks the SLO
 * or {@code maxRate} passes, then bisect (geometric midpoints) between the best passing and the
 * lowest failing rate until they are within {@code precision}. A step is judged on its own merged
 * window, settle excluded; a step the generator could not offer ends the search without a capacity
 * figure, and so does a first step that fails.
 *
 * <p>Its whole state is the list of steps, so a search taken over by another operator resumes from
 * the steps its status recorded; the step in progress is judged again from the intervals pulled anew.
 */
public final class CapacitySearch {

  /**
   * The share of a step's worker-intervals flagged saturated from which the generator, not the
   * target, is taken to be the limit. Far above a whole run's bar: a step is short, and a stall (a
   * young GC, the JIT at the first step, a busy neighbour) is a large share of it; a generator that
   * cannot offer a rate is saturated in most intervals.
   */
  static final double SATURATED_SHARE = 0.5;
  static final long MIN_SATURATED = 3;
  /** Achieved under asked by more than this share means the generator did not offer the rate. */
  static final double SHORTFALL = 0.05;
  /** An error rate this many times the SLO's (or, without one, this share) ends a step at once. */
  static final double BROKEN_ERROR_FACTOR = 10;
  static final double BROKEN_ERROR_RATE = 0.5;

  /** What the session does after a look. */
  public sealed interface Next {}

  /** Keep the current step running. */
  public record Hold() implements Next {}

  /** Start step {@code step} at {@code rate}. */
  public record Step(int step, double rate) implements Next {}

  /** The search is over: stop the workers. */
  public record Finish() implements Next {}

  private static final Hold HOLD = new Hold();

  private final CapacityPlan plan;
  private final int replicas;
  private final List<CapacityStep> judged = new ArrayList<>();
  private final StepRecorder recorder = new StepRecorder();
  private double currentRate;
  private int window;
  /** The longest prefix of the current step's window checked for a plainly broken target. */
  private int checkedPrefix;
  private boolean finished;

  private CapacitySearch(CapacityPlan plan, int replicas) {
    this.plan = plan;
    this.replicas = replicas;
  }

  /** A new search, at its first step. */
  public static CapacitySearch start(CapacityPlan plan, int replicas) {
    return resume(plan, replicas, List.of());
  }

  /** A search that already judged {@code recorded} steps (from a status); a step in progress is redone. */
  public static CapacitySearch resume(CapacityPlan plan, int replicas, List<CapacityStep> recorded) {
    CapacitySearch s = new CapacitySearch(plan, replicas);
    recorded.stream().filter(CapacityStep::judged).forEach(s.judged::add);
    s.recorder.forgetBefore(s.judged.size());
    Next next = decide(plan, s.judged);
    if (next instanceof Step step) {
      s.currentRate = step.rate();
    } else {
      s.finished = true;
    }
    s.window = s.judgedIntervals();
    return s;
  }

  public CapacityPlan plan() {
    return plan;
  }

  /** Merged intervals go through here too; only judged stages of steps not judged yet are kept. */
  public void add(int worker, IntervalReport report) {
    recorder.add(worker, report);
  }

  /** The step in progress (or the number of steps, once finished). */
  /**
   * The lowest interval number the search still needs from {@code worker} (a step not judged yet),
   * {@link Long#MAX_VALUE} when none: the worker may drop only what comes before it.
   */
  public long firstSeqNeeded(int worker) {
    return recorder.firstSeqHeld(worker);
  }

  public synchronized int currentStep() {
    return judged.size();
  }

  public synchronized double currentRate() {
    return currentRate;
  }

  /**
   * How long, at least, the target rests before the current step: a step's length after a step
   * that broke the SLO (an overload of at most twice the capacity drains in as long as it lasted;
   * the session rests as long as the broken step actually ran, when it knows), else 0.
   */
  public synchronized java.time.Duration coolDown() {
    if (judged.isEmpty()) {
      return java.time.Duration.ZERO;
    }
    CapacityStep last = judged.get(judged.size() - 1);
    return last.passed() ? java.time.Duration.ZERO : plan.step();
  }

  public synchronized boolean finished() {
    return finished;
  }

  /** The judged steps, then the one in progress (without a verdict) while the search goes on. */
  public synchronized List<CapacityStep> steps() {
    List<CapacityStep> out = new ArrayList<>(judged);
    if (!finished) {
      out.add(CapacityStep.running(judged.size(), currentRate));
    }
    return List.copyOf(out);
  }

  /**
   * Looks at the current step with what has been pulled: holds it, or judges it and says what comes
   * next.
   *
   * @param live the workers still reporting; a window is complete when each of them reported it
   */
  public synchronized Next review(Set<Integer> live) {
    if (finished) {
      return new Finish();
    }
    int step = judged.size();
    StepRecorder.Window w = recorder.window(step, window, live);
    // Whether a step ended early is read on each prefix of its window in turn, so the verdict is
    // the same whenever it is made: by this operator as the intervals come in, or by a new one
    // that pulled them all at once.
    Optional<String> broken = Optional.empty();
    for (int k = checkedPrefix + 1; k <= w.intervals() && broken.isEmpty(); k++) {
      StepRecorder.Window prefix = k == w.intervals() ? w : recorder.window(step, k, live);
      broken = plainlyBroken(prefix);
      if (broken.isPresent()) {
        w = prefix;
      }
      checkedPrefix = k;
    }
    if (broken.isEmpty()) {
      if (w.intervals() < window) {
        return HOLD;
      }
      int longest = judgedIntervals() * CapacityPlan.MAX_LENGTHENING;
      long needed = window;
      for (Threshold clause : plan.slo()) {
        long samples = samples(clause, w);
        if (samples < CapacityPlan.minSamples(clause)) {
          needed = Math.max(needed,
              (long) Math.ceil(window * (double) CapacityPlan.minSamples(clause) / Math.max(1, samples)) + 1);
        }
      }
      if (needed > window && window < longest) {
        // Too few samples for a percentile: hold the rate longer rather than judge on noise.
        window = (int) Math.min(longest, needed);
        return HOLD;
      }
    }
    judged.add(judge(step, w, broken.orElse(null)));
    recorder.forgetBefore(judged.size());
    Next next = decide(plan, judged);
    checkedPrefix = 0;
    if (next instanceof Step s) {
      currentRate = s.rate();
      window = judgedIntervals();
    } else {
      finished = true;
    }
    return next;
  }

  /** The requests a clause is judged on: all of them, or its request name's. */
  private static long samples(Threshold clause, StepRecorder.Window w) {
    Measured scope = w.scope(clause);
    return scope == null ? 0 : scope.requests();
  }

  /** Whole intervals in a step's judged part (intervals are one second). */
  private int judgedIntervals() {
    return (int) Math.max(1, Math.ceil(plan.judged().toMillis() / 1000.0));
  }

  /**
   * A step so far past the SLO that holding it would only hammer a broken target: most requests
   * failing, or the median slower than the SLO's tail limit.
   */
  private Optional<String> plainlyBroken(StepRecorder.Window w) {
    Measured m = w.total();
    if (m.requests() < CapacityPlan.FLOOR_SAMPLES) {
      return Optional.empty();
    }
    double errorLimit = BROKEN_ERROR_RATE;
    long latencyLimitUs = Long.MAX_VALUE;
    for (Threshold t : plan.slo()) {
      Metric metric = Metric.named(t.metric()).orElseThrow();
      if (t.request() != null || t.scenario() != null) {
        continue; // a step ends early on all requests' figures; scoped clauses wait for the window
      }
      if (metric == Metric.ERROR_RATE) {
        errorLimit = Math.min(BROKEN_ERROR_RATE, Math.max(Percent.parse(t.max()) * BROKEN_ERROR_FACTOR, 0.1));
      } else if (metric.isLatency()) {
        latencyLimitUs = Math.min(latencyLimitUs, Durations.parse(t.max()).toNanos() / 1000);
      }
    }
    if (m.errorRate() >= errorLimit) {
      return Optional.of(ENDED_EARLY + ": " + Percent.format(m.errorRate()) + " errors");
    }
    if (latencyLimitUs != Long.MAX_VALUE && m.latency().getTotalCount() > 0
        && Metric.P50.micros(m.latency()) > latencyLimitUs) {
      return Optional.of(ENDED_EARLY + ": median " + Durations.formatMicros(Metric.P50.micros(m.latency()))
          + " is over the SLO");
    }
    return Optional.empty();
  }

  private CapacityStep judge(int step, StepRecorder.Window w, String brokenEarly) {
    Measured total = w.total();
    List<ThresholdResult> slo = plan.slo().stream()
        .map(t -> ThresholdEvaluator.evaluate(t, total, w.byRequest(), w.byScenario())).toList();
    String limitedBy;
    List<String> notes = new ArrayList<>();
    if (brokenEarly != null) {
      notes.add(brokenEarly);
    }
    Optional<String> broke = worstClause(slo, w)
        .or(() -> brokenEarly == null ? Optional.empty() : Optional.of(firstMetric()));
    // Latency counts from the intended send time, so a generator that fell behind only makes a step
    // look worse: a step that met the SLO at the full rate is sound however busy the generator was.
    // A step it did not offer in full says nothing of the target; nor does one that failed while
    // the generator was saturated, unless a clause fails beyond what the generator's lag could add.
    boolean saturated = broke.isPresent() && saturated(w);
    boolean beyondLag = saturated && failedBeyondLag(slo, w);
    if (offeredShort(w) || saturated && !beyondLag) {
      limitedBy = GENERATOR;
      notes.add(generatorNote(w));
    } else {
      limitedBy = broke.orElse(null);
      if (beyondLag) {
        notes.add("the generator was saturated in " + Percent.format(w.saturatedFraction())
            + " of worker-intervals, but its send lag (p99 " + GeneratorLag.p99Text(w.sendLag())
            + ") cannot account for the breach");
      }
    }
    if (limitedBy == null) {
      plan.slo().stream().filter(c -> samples(c, w) < CapacityPlan.minSamples(c)).findFirst().ifPresent(c ->
          notes.add("only " + samples(c, w) + " samples" + scopeText(c) + ": "
              + CapacityPlan.minSamples(c) + " make the verdict sound"));
    }
    return new CapacityStep(step, currentRate, Rates.round(achieved(w)), total.requests(),
        Percent.of(total.errors(), total.requests()), latency(Metric.P50, total), latency(Metric.P99, total),
        slo, limitedBy == null, limitedBy, notes.isEmpty() ? null : String.join("; ", notes));
  }

  public static final String GENERATOR = "generator";
  static final String ENDED_EARLY = "ended early";

  private static boolean saturated(StepRecorder.Window w) {
    // A step that ended early has fewer intervals than MIN_SATURATED: then all of them count.
    return w.saturated() >= Math.min(MIN_SATURATED, w.workerIntervals()) && w.saturatedFraction() >= SATURATED_SHARE;
  }

  /** The rate the step achieved, in the search's unit: journeys started for scenarios, else requests. */
  private double achieved(StepRecorder.Window w) {
    return plan.journeys() ? Rates.perSecond(w.journeys(), w.total().millis()) : w.total().rps();
  }

  /** What the generator sent of what the step asked: journeys started, or requests not refused unsent. */
  private long offered(StepRecorder.Window w) {
    return plan.journeys() ? w.journeys() : w.total().requests() - w.notSent();
  }

  private static String scopeText(Threshold c) {
    return c.scenario() != null ? " of " + c.scenario() + " journeys" : c.request() == null ? "" : " of " + c.request();
  }

  private boolean offeredShort(StepRecorder.Window w) {
    double expected = currentRate * w.total().millis() / 1000.0;
    double missing = expected - offered(w);
    // Each worker's share is rounded per interval: a request either way per worker-interval is exact.
    return w.intervals() > 0 && missing > SHORTFALL * expected && missing > replicas * (double) w.intervals();
  }

  private String generatorNote(StepRecorder.Window w) {
    double offered = Rates.perSecond(offered(w), w.total().millis());
    return "the generator offered " + Rates.text(offered) + " of " + Rates.text(currentRate)
        + " " + plan.unit() + ", saturated in " + Percent.format(w.saturatedFraction()) + " of worker-intervals";
  }

  /** Whether a failed clause fails even with the generator's lag taken out: then the target broke. */
  private boolean failedBeyondLag(List<ThresholdResult> results, StepRecorder.Window w) {
    for (int i = 0; i < results.size(); i++) {
      Threshold t = plan.slo().get(i);
      if (!Boolean.TRUE.equals(results.get(i).passed()) && GeneratorLag.targetFailed(t, w.scope(t), w.sendLag())) {
        return true;
      }
    }
    return false;
  }

  /** The failed clause furthest over its limit, by the ratio of actual to limit. */
  private Optional<String> worstClause(List<ThresholdResult> results, StepRecorder.Window w) {
    String worst = null;
    double worstRatio = -1;
    for (int i = 0; i < results.size(); i++) {
      ThresholdResult r = results.get(i);
      if (Boolean.TRUE.equals(r.passed())) {
        continue;
      }
      Threshold t = plan.slo().get(i);
      double ratio = ratio(t, w.scope(t));
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst = t.metric() + scopeText(t);
      }
    }
    return Optional.ofNullable(worst);
  }

  private static double ratio(Threshold t, Measured scope) {
    if (scope == null || scope.requests() == 0) {
      return Double.POSITIVE_INFINITY; // nothing measured is the worst there is
    }
    Metric metric = Metric.named(t.metric()).orElseThrow();
    if (metric == Metric.ERROR_RATE) {
      double limit = Percent.parse(t.max());
      return limit == 0 ? (scope.errors() > 0 ? Double.POSITIVE_INFINITY : 0) : scope.errorRate() / limit;
    }
    if (scope.latency().getTotalCount() == 0) {
      return 0; // every request failed: the errors, not a latency, say what broke
    }
    return metric.micros(scope.latency()) / (Durations.parse(t.max()).toNanos() / 1000.0);
  }

  private String firstMetric() {
    return plan.slo().isEmpty() ? Metric.ERROR_RATE.key() : plan.slo().get(0).metric();
  }

  private static String latency(Metric metric, Measured m) {
    return m.latency().getTotalCount() == 0 ? null : Durations.formatMicros(metric.micros(m.latency()));
  }

  /**
   * The next step from the judged ones, or the end of the search. Before a failure decides the
   * result (the first step's, or the breaking rate's once the bracket is narrow) the rate is run
   * once more, and so is a step the generator could not offer: one slow step on a shared machine is
   * noise, the same twice is the target (or the generator). A first step that ended early (a dead
   * target) is not run again: that would only hammer it.
   */
  static Next decide(CapacityPlan plan, List<CapacityStep> judged) {
    if (judged.isEmpty()) {
      return new Step(0, plan.startRate());
    }
    int next = judged.size();
    CapacityStep last = judged.get(next - 1);
    if (next >= plan.maxSteps()) {
      return new Finish();
    }
    if (GENERATOR.equals(last.limitedBy())) {
      return count(judged, last.targetRps(), s -> GENERATOR.equals(s.limitedBy())) >= 2
          ? new Finish() : new Step(next, last.targetRps());
    }
    Bracket b = bracket(judged);
    if (b.pass() == null) {
      boolean dead = judged.stream().anyMatch(CapacitySearch::endedEarly);
      return dead || repeated(judged, last.targetRps()) ? new Finish() : new Step(next, last.targetRps());
    }
    if (b.fail() == null) {
      return b.pass() >= plan.maxRate()
          ? new Finish()
          : new Step(next, Math.min(plan.maxRate(), round(b.pass() * CapacityPlan.GROWTH)));
    }
    double mid = round(Math.sqrt(b.pass() * b.fail()));
    boolean narrow = b.fail() / b.pass() - 1 <= plan.precision() || mid <= b.pass() || mid >= b.fail();
    if (!narrow) {
      return new Step(next, mid);
    }
    return repeated(judged, b.fail()) ? new Finish() : new Step(next, b.fail());
  }

  /** The failure at {@code rate} was seen twice: it stands. */
  private static boolean repeated(List<CapacityStep> judged, double rate) {
    return count(judged, rate, CapacitySearch::failed) >= 2;
  }

  private static boolean failed(CapacityStep s) {
    return !s.passed() && !GENERATOR.equals(s.limitedBy());
  }

  private static boolean endedEarly(CapacityStep s) {
    return s.note() != null && s.note().startsWith(ENDED_EARLY);
  }

  private static long count(List<CapacityStep> judged, double rate, java.util.function.Predicate<CapacityStep> which) {
    return judged.stream().filter(s -> s.targetRps() == rate && which.test(s)).count();
  }

  /**
   * The rates a search asks for against a target that meets the SLO exactly up to {@code holds}
   * rps: the steps its plan implies, for tests and benchmarks to compare a real search with.
   */
  public static List<Double> plannedRates(CapacityPlan plan, double holds) {
    List<CapacityStep> judged = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    for (Next next = decide(plan, judged); next instanceof Step s; next = decide(plan, judged)) {
      rates.add(s.rate());
      boolean passed = s.rate() <= holds;
      judged.add(new CapacityStep(s.step(), s.rate(), null, null, null, null, null, null, passed,
          passed ? null : "p99", null));
    }
    return rates;
  }

  /**
   * The highest passing rate, and the lowest failing rate above it (a failure below a pass is noise
   * the bisection has moved past).
   */
  public synchronized Bracket bracket() {
    return bracket(judged);
  }

  private static Bracket bracket(List<CapacityStep> judged) {
    Double pass = null;
    for (CapacityStep s : judged) {
      if (s.passed() && (pass == null || s.targetRps() > pass)) {
        pass = s.targetRps();
      }
    }
    Double fail = null;
    String failedOn = null;
    for (CapacityStep s : judged) {
      if (!s.passed() && !GENERATOR.equals(s.limitedBy()) && (pass == null || s.targetRps() > pass) && (fail == null || s.targetRps() < fail)) {
        fail = s.targetRps();
        failedOn = s.limitedBy();
      }
    }
    return new Bracket(pass, fail, failedOn);
  }

  /**
   * @param pass the highest rate that met the SLO; null when none did
   * @param fail the lowest rate above it that did not; null when none failed
   * @param failedOn what broke at {@code fail}
   */
  public record Bracket(Double pass, Double fail, String failedOn) {}

  /** Rates as steps ask for them: whole numbers from 100 up, else one decimal. */
  static double round(double rate) {
    return rate >= 100 ? Math.round(rate) : Math.max(0.1, Rates.round(rate));
  }
}
