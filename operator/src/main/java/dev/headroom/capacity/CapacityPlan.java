package dev.headroom.capacity;

import dev.headroom.api.v1alpha1.Capacity;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.plan.Durations;
import dev.headroom.plan.Load;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Stage;
import dev.headroom.results.Metric;
import dev.headroom.results.Percent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A capacity search in numbers: the spec's {@link Capacity} with its defaults applied, the SLO as
 * thresholds, and how the search maps onto the workers' stages.
 *
 * <p>Each step of the search is stages on the workers, without a gap: after a step that broke the
 * SLO a cool-down at rate 0 (an overloaded target's queue would otherwise be blamed on the next
 * rate), then a settle stage (run, not judged) and a judged stage at the step's rate. Step {@code i}
 * is stages {@code 3i-1}, {@code 3i} and {@code 3i+1}; the plan the workers get holds the first
 * step's settle and judged stages, the judged one long enough for the longest search, so workers
 * left alone by a vanished operator still stop by themselves.
 *
 * @param slo the limits as thresholds, per request or per scenario where the spec says so
 * @param journeys the spec has scenarios: every rate of the search counts journeys per second
 */
public record CapacityPlan(
    List<Threshold> slo,
    double startRate,
    double maxRate,
    Duration step,
    Duration settle,
    double precision,
    Double currentRate,
    Double requiredHeadroom,
    boolean journeys) {

  /** The unit of every rate of the search: journeys for a spec of scenarios, whose rate counts them. */
  public String unit() {
    return journeys ? "journeys/s" : "rps";
  }

  public static final Duration DEFAULT_STEP = Duration.ofSeconds(30);
  public static final Duration MAX_DEFAULT_SETTLE = Duration.ofSeconds(10);
  public static final double DEFAULT_PRECISION = 0.05;
  /** Each step up doubles the rate: few steps to the first failure, then bisection narrows it. */
  public static final double GROWTH = 2;
  /** A step short of samples is held at most this many times its judged length. */
  public static final int MAX_LENGTHENING = 4;
  /** Requests a step needs for a verdict on errors, or on latencies no finer than p90. */
  public static final long FLOOR_SAMPLES = 100;

  /** The key under {@code slo} that holds limits per request name. */
  public static final String REQUESTS_KEY = "requests";
  /** The key under {@code slo} that holds limits on each scenario's journeys, by scenario name. */
  public static final String SCENARIOS_KEY = "scenarios";

  /** Compiles the capacity of a spec that {@code LoadTestValidator} accepted. */
  public static CapacityPlan of(LoadTestSpec spec) {
    return of(spec.capacity(), spec.scenarios() != null);
  }

  /** Compiles a capacity that {@code LoadTestValidator} accepted, for requests. */
  public static CapacityPlan of(Capacity c) {
    return of(c, false);
  }

  static CapacityPlan of(Capacity c, boolean journeys) {
    Duration step = c.stepDuration() == null ? DEFAULT_STEP : Durations.parse(c.stepDuration());
    Duration settle = c.settle() == null ? defaultSettle(step) : Durations.parse(c.settle());
    double precision = c.precision() == null ? DEFAULT_PRECISION : Percent.parse(c.precision());
    List<Threshold> slo = thresholds(c.slo());
    return new CapacityPlan(slo, c.startRate(), c.maxRate(), step, settle, precision, c.currentRate(),
        c.requiredHeadroom(), journeys);
  }

  /** A third of the step, at most {@link #MAX_DEFAULT_SETTLE}, whole seconds when the step allows. */
  public static Duration defaultSettle(Duration step) {
    Duration third = step.dividedBy(3);
    Duration capped = third.compareTo(MAX_DEFAULT_SETTLE) > 0 ? MAX_DEFAULT_SETTLE : third;
    return capped.toSeconds() >= 1 ? Duration.ofSeconds(capped.toSeconds()) : capped;
  }

  /**
   * The SLO map as thresholds: {@code {p99: 500ms, errorRate: 1%, requests: {order: {p95: 800ms}}}}
   * is p99 and errorRate over all requests, and p95 of {@code order}: all requests first, each in
   * the metrics' order (latencies, then errorRate), whatever the map's order.
   */
  public static List<Threshold> thresholds(Map<String, Object> slo) {
    List<Threshold> out = new ArrayList<>();
    if (slo == null) {
      return out;
    }
    slo.forEach((key, value) -> {
      boolean scoped = REQUESTS_KEY.equals(key) || SCENARIOS_KEY.equals(key);
      if (scoped && value instanceof Map<?, ?> byName) {
        byName.forEach((name, limits) -> {
          if (limits instanceof Map<?, ?> m) {
            m.forEach((metric, limit) -> out.add(REQUESTS_KEY.equals(key)
                ? new Threshold(String.valueOf(metric), String.valueOf(name), text(limit), null)
                : new Threshold(String.valueOf(metric), null, text(limit), null, String.valueOf(name))));
          }
        });
      } else {
        out.add(new Threshold(key, null, text(value), null));
      }
    });
    // The API server keeps no key order in a map: clauses go in metric order, requests after, then scenarios.
    out.sort(java.util.Comparator.comparing((Threshold t) -> t.scenario() == null ? "" : t.scenario())
        .thenComparing(t -> t.request() == null ? "" : t.request())
        .thenComparing(t -> Metric.named(t.metric()).map(Enum::ordinal).orElse(Integer.MAX_VALUE)));
    return List.copyOf(out);
  }

  private static String text(Object limit) {
    return limit == null ? null : limit instanceof Number n ? n.toString() : String.valueOf(limit);
  }

  /** The most samples any clause of the SLO needs: see {@link #minSamples(Threshold)}. */
  public long minSamples() {
    return slo.stream().mapToLong(CapacityPlan::minSamples).max().orElse(FLOOR_SAMPLES);
  }

  /**
   * Requests a clause's verdict rests on, counted in its own scope (one request name, or all):
   * ten beyond the percentile's rank, 1,000 for p99 and 10,000 for p999; {@link #FLOOR_SAMPLES} for
   * the rest.
   */
  public static long minSamples(Threshold clause) {
    double percentile = Metric.named(clause.metric()).map(Metric::percentile).orElse(-1.0);
    return percentile > 0 ? Math.max(FLOOR_SAMPLES, Math.round(10 / (1 - percentile / 100))) : FLOOR_SAMPLES;
  }

  /** The part of a step that is judged. */
  public Duration judged() {
    return step.minus(settle);
  }

  /**
   * The stage that lets the target recover before step {@code step} (1 and up) after a step that
   * broke it: nothing is sent, so the queue an overload left drains before the next rate is judged.
   * It lasts 0 after a step that passed.
   */
  public static int coolStage(int step) {
    return 3 * step - 1;
  }

  public static int settleStage(int step) {
    return 3 * step;
  }

  public static int judgedStage(int step) {
    return 3 * step + 1;
  }

  /** The step a worker stage belongs to; -1 for the warmup. */
  public static int stepOf(int stage) {
    return stage < 0 ? -1 : (stage + 1) / 3;
  }

  public static boolean isJudged(int stage) {
    return stage >= 0 && stage % 3 == 1;
  }

  /**
   * The most steps a search can take: up by {@link #GROWTH} from startRate to maxRate, bisection
   * down to the precision over the widest bracket, and room for failures run again (each confirms
   * or reopens the bracket).
   */
  public int maxSteps() {
    int up = 1 + (int) Math.ceil(Math.log(maxRate / startRate) / Math.log(GROWTH));
    int bisect = (int) Math.ceil(Math.log(Math.log(GROWTH) / Math.log1p(precision)) / Math.log(2));
    return up + Math.max(0, bisect) + 1 + RETRIES;
  }

  /** Failing steps a search may run again before it takes a result: see {@link CapacitySearch}. */
  static final int RETRIES = 4;

  /** The longest a search can run, every step cooled down after and lengthened as far as it may be. */
  public Duration longest() {
    return step.plus(settle).plus(judged().multipliedBy(MAX_LENGTHENING)).multipliedBy(maxSteps());
  }

  /**
   * The load the workers are given: the warmup, then the first step (its settle stage, and a
   * judged stage that lasts the longest search; rate changes cut it short).
   */
  public Load workerLoad(String warmup) {
    return new Load(LoadModel.Open, warmup, List.of(
        new Stage(Durations.formatSpan(settle), startRate, null, null, null),
        new Stage(Durations.formatSpan(longest()), startRate, null, null, null)));
  }
}
