package dev.headroom.validation;

import dev.headroom.api.v1alpha1.Capacity;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.api.v1alpha1.LoadTestScheduleSpec;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.Regression;
import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.api.v1alpha1.Workers;
import dev.headroom.capacity.CapacityPlan;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.plan.DataColumns;
import dev.headroom.plan.Durations;
import dev.headroom.plan.FieldPath;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Plan;
import dev.headroom.plan.PlanValidator;
import dev.headroom.plan.Problem;
import dev.headroom.plan.Problems;
import dev.headroom.plan.RequestSpec;
import dev.headroom.plan.Scenario;
import dev.headroom.plan.Step;
import dev.headroom.plan.StepRequest;
import dev.headroom.results.Metric;
import dev.headroom.results.Percent;
import dev.headroom.results.Rates;
import dev.headroom.schedule.CronSchedule;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks a {@code LoadTest} spec, or a {@code LoadTestSchedule} with the LoadTest spec of its
 * template, and reports every problem, each at its field path. The plan part ({@code target},
 * {@code requests}, {@code load}) is {@link PlanValidator}'s; this adds the operator's fields. The
 * operator writes the problems to status; the CLI prints them.
 */
public final class LoadTestValidator {

  public static final int MAX_REPLICAS = 1000;

  private static final FieldPath SPEC = FieldPath.of("spec");
  /** Where a schedule's template holds the LoadTest spec of each run. */
  public static final FieldPath TEMPLATE_SPEC = SPEC.field("template").field("spec");
  /** A capacity step shorter than this cannot both settle and be judged on whole intervals. */
  static final Duration MIN_STEP = Duration.ofSeconds(2);
  static final Duration MIN_JUDGED = Duration.ofSeconds(1);
  static final double MAX_PRECISION = 0.5;
  private static final List<String> METRICS = Arrays.stream(Metric.values()).map(Metric::key).toList();
  private static final Pattern BASELINE = Pattern.compile(Regression.BASELINE);
  private static final Pattern PERCENT = Pattern.compile(Regression.PERCENT);

  /**
   * Longest schedule name: each run is a LoadTest named {@code <schedule>-<minutes since the epoch>}
   * (eight digits until the year 2160), and that name must fit a LoadTest's.
   */
  public static final int MAX_SCHEDULE_NAME_LENGTH = WorkerResources.MAX_NAME_LENGTH - "-12345678".length();

  private final Problems problems = new Problems();
  /** Where the LoadTest spec sits: {@code spec} of a LoadTest, {@code spec.template.spec} of a schedule. */
  private final FieldPath root;

  private final DataColumns columns;
  /** Where the spec's request names are written ({@code requests} or {@code scenarios}), for messages. */
  private FieldPath requestsAt;

  private LoadTestValidator(FieldPath root) {
    this(root, DataColumns.UNKNOWN);
  }

  private LoadTestValidator(FieldPath root, DataColumns columns) {
    this.root = root;
    this.columns = columns;
    this.requestsAt = root.field("requests");
  }

  /**
   * Checks a {@code LoadTest} spec; problems are at their paths under {@code spec.}. Data sets'
   * columns are not checked (their sources are not read).
   */
  public static List<Problem> validate(LoadTestSpec spec) {
    return validate(spec, DataColumns.UNKNOWN);
  }

  /** As {@link #validate(LoadTestSpec)}, reading data sets' header rows with {@code columns}. */
  public static List<Problem> validate(LoadTestSpec spec, DataColumns columns) {
    LoadTestValidator v = new LoadTestValidator(SPEC, columns);
    if (v.problems.required(SPEC, spec)) {
      v.spec(spec);
      v.regression(spec.regression(), spec, SPEC.field("regression"));
    }
    return v.problems.list();
  }

  /**
   * Checks a {@code LoadTestSchedule}: its name, cron, time zone, limits, regression, and its
   * template as a LoadTest spec (problems under {@code spec.template.spec.}).
   */
  public static List<Problem> validate(LoadTestSchedule schedule) {
    LoadTestValidator v = new LoadTestValidator(TEMPLATE_SPEC);
    v.schedule(schedule);
    return v.problems.list();
  }

  private void schedule(LoadTestSchedule schedule) {
    String name = schedule.getMetadata() == null ? null : schedule.getMetadata().getName();
    if (name != null && name.length() > MAX_SCHEDULE_NAME_LENGTH) {
      problems.add(FieldPath.of("metadata").field("name"), "at most " + MAX_SCHEDULE_NAME_LENGTH + " characters, got "
          + name.length() + ": each run is a LoadTest named <schedule>-<8 digits>, and a LoadTest name is at most "
          + WorkerResources.MAX_NAME_LENGTH);
    }
    LoadTestScheduleSpec spec = schedule.getSpec();
    if (!problems.required(SPEC, spec)) {
      return;
    }
    CronSchedule.cronProblem(spec.schedule()).ifPresent(p -> problems.add(SPEC.field("schedule"), p));
    CronSchedule.zoneProblem(spec.timeZone()).ifPresent(p -> problems.add(SPEC.field("timeZone"),
        p + Suggestions.didYouMean(spec.timeZone(), ZoneId.getAvailableZoneIds())));
    Long deadline = spec.startingDeadlineSeconds();
    if (deadline != null && deadline < LoadTestScheduleSpec.MIN_STARTING_DEADLINE_SECONDS) {
      problems.add(SPEC.field("startingDeadlineSeconds"), "must be >= "
          + LoadTestScheduleSpec.MIN_STARTING_DEADLINE_SECONDS + ": a firing is acted on a moment after its"
          + " instant, and a shorter deadline would skip it as missed");
    }
    int kept = problems.list().size();
    problems.between(SPEC.field("successfulRunsHistoryLimit"), spec.successfulRunsHistoryLimit(),
        0, LoadTestScheduleSpec.MAX_KEPT_RUNS);
    problems.between(SPEC.field("failedRunsHistoryLimit"), spec.failedRunsHistoryLimit(),
        0, LoadTestScheduleSpec.MAX_KEPT_RUNS);
    int runs = spec.successfulToKeep() + spec.failedToKeep();
    if (problems.list().size() == kept && runs > LoadTestScheduleSpec.MAX_KEPT_RUNS) {
      problems.add(SPEC.field("failedRunsHistoryLimit"), "with successfulRunsHistoryLimit ("
          + spec.successfulToKeep() + ") keeps " + runs + " runs; together at most "
          + LoadTestScheduleSpec.MAX_KEPT_RUNS + ", so that each has its line in status.history ("
          + LoadTestScheduleSpec.MAX_HISTORY + " lines, " + LoadTestScheduleSpec.MAX_SKIPPED_HISTORY
          + " of them for skipped firings, 2 for a run going and the baseline)");
    }
    LoadTestSpec template = null;
    if (problems.required(SPEC.field("template"), spec.template())
        && problems.required(TEMPLATE_SPEC, spec.template().spec())) {
      template = spec.template().spec();
      spec(template);
      // The schedule pins Previous to one of its own runs for each child; a template's own
      // regression would be overwritten by that or compete with it.
      problems.absent(TEMPLATE_SPEC.field("regression"), template.regression(),
          "in the template: set regression on the schedule (spec.regression)");
    }
    regression(spec.regression(), template, SPEC.field("regression"));
  }

  /** The LoadTest spec's own fields, at their paths under {@link #root}. */
  private void spec(LoadTestSpec spec) {
    int before = problems.list().size();
    requestsAt = root.field(spec.scenarios() != null ? "scenarios" : "requests");
    if (spec.capacity() == null) {
      problems.addAll(PlanValidator.validate(spec.plan(), root.text(), columns));
    } else {
      // As written: the plan the workers get is compiled from capacity, once that is valid.
      problems.addAll(PlanValidator.validateWithoutStages(
          new Plan(spec.target(), spec.requests(), spec.scenarios(), spec.load(), spec.data()), root.text(), columns));
    }
    if (spec.workers() != null) {
      workers(spec.workers(), root.field("workers"));
    }
    List<Threshold> thresholds = spec.thresholds() == null ? List.of() : spec.thresholds();
    if (thresholds.size() > LoadTestSpec.MAX_THRESHOLDS) {
      problems.add(root.field("thresholds"),
          "lists " + thresholds.size() + " thresholds; at most " + LoadTestSpec.MAX_THRESHOLDS);
    } else {
      for (int i = 0; i < thresholds.size(); i++) {
        threshold(thresholds.get(i), root.field("thresholds").index(i), requestNames(spec), scenarioNames(spec));
      }
    }
    if (spec.capacity() != null) {
      capacity(spec, root.field("capacity"));
    }
    if (spec.capacity() != null && problems.list().size() == before) {
      // Every spec that passes must compile: the search's first step is a plan like any other.
      problems.addAll(PlanValidator.validate(spec.plan(), root.text(), columns));
    }
    Integer ttl = spec.ttlSecondsAfterFinished();
    if (ttl != null && ttl < 0) {
      problems.add(root.field("ttlSecondsAfterFinished"), "must be >= 0");
    }
  }

  private void workers(Workers workers, FieldPath at) {
    problems.between(at.field("replicas"), workers.replicas(), 1, MAX_REPLICAS);
    ResourceRequirements resources = workers.resources();
    if (resources != null) {
      quantities(resources.getRequests(), at.field("resources").field("requests"));
      quantities(resources.getLimits(), at.field("resources").field("limits"));
    }
  }

  /** Fabric8 takes any text as a quantity; the API server would refuse the worker Job later. */
  private void quantities(Map<String, Quantity> quantities, FieldPath at) {
    if (quantities == null) {
      return;
    }
    quantities.forEach(
        (name, quantity) -> {
          if (!problems.required(at.field(name), quantity)) {
            return;
          }
          try {
            Quantity.getAmountInBytes(quantity);
          } catch (RuntimeException e) {
            problems.add(at.field(name), "'" + quantity + "' is not a quantity (e.g. 500m, 2, 512Mi)");
          }
        });
  }

  /** The names results are kept under: the mix's requests, or the request steps of the journeys. */
  private static List<String> requestNames(LoadTestSpec spec) {
    if (spec.scenarios() != null) {
      return spec.scenarios().stream().filter(Objects::nonNull).map(Scenario::steps).filter(Objects::nonNull)
          .flatMap(List::stream).filter(Objects::nonNull).map(Step::request).filter(Objects::nonNull)
          .map(StepRequest::name).filter(Objects::nonNull).toList();
    }
    return spec.requests() == null
        ? List.of()
        : spec.requests().stream().filter(Objects::nonNull).map(RequestSpec::name).filter(Objects::nonNull).toList();
  }



  private static List<String> scenarioNames(LoadTestSpec spec) {
    return spec.scenarios() == null ? List.of()
        : spec.scenarios().stream().filter(Objects::nonNull).map(Scenario::name).filter(Objects::nonNull).toList();
  }

  private void threshold(Threshold t, FieldPath at, List<String> requestNames, List<String> scenarioNames) {
    if (!problems.required(at, t)) {
      return;
    }
    Metric metric = metric(t.metric(), at.field("metric"));
    if (t.request() != null && !requestNames.contains(t.request())) {
      problems.add(at.field("request"), "no request named '" + t.request() + "' in " + requestsAt
          + Suggestions.didYouMean(t.request(), requestNames));
    }
    if (t.scenario() != null) {
      if (t.request() != null) {
        problems.add(at.field("scenario"), "not with request: a threshold judges one request's requests or one"
            + " scenario's journeys");
      } else if (scenarioNames.isEmpty()) {
        problems.add(at.field("scenario"), "needs spec.scenarios: this spec sends independent requests");
      } else if (!scenarioNames.contains(t.scenario())) {
        problems.add(at.field("scenario"), "no scenario named '" + t.scenario() + "' in spec.scenarios"
            + Suggestions.didYouMean(t.scenario(), scenarioNames));
      }
    }
    if (metric == null) {
      return;
    }
    String limitField = metric.isFloor() ? "min" : "max";
    String unusedField = metric.isFloor() ? "max" : "min";
    String limit = metric.isFloor() ? t.min() : t.max();
    String unused = metric.isFloor() ? t.max() : t.min();
    if (limit == null) {
      problems.add(at.field(limitField), "required for " + metric.key() + " (" + example(metric) + ")");
    } else {
      limit(metric, limit, at.field(limitField));
    }
    if (unused != null) {
      problems.add(at.field(unusedField), "not used for " + metric.key() + " (set " + limitField + ")");
    }
  }

  private static String example(Metric metric) {
    if (metric.isLatency()) {
      return "a duration such as 500ms";
    }
    return metric == Metric.ERROR_RATE ? "a percentage such as 1%" : "requests per second such as 100";
  }

  private Metric metric(String name, FieldPath at) {
    if (!problems.required(at, name)) {
      return null;
    }
    Metric metric = Metric.named(name).orElse(null);
    if (metric == null) {
      problems.add(at, "unknown metric '" + name + "'" + Suggestions.didYouMean(name, METRICS)
          + "; one of " + String.join(", ", METRICS));
    }
    return metric;
  }

  /** A limit as {@code ThresholdEvaluator} and the capacity search will read it. */
  private void limit(Metric metric, String text, FieldPath at) {
    if (metric.isLatency()) {
      problems.positiveDuration(at, text);
    } else if (metric == Metric.ERROR_RATE) {
      percent(text, at, false);
    } else {
      rate(text, at);
    }
  }

  private void rate(String text, FieldPath at) {
    try {
      if (new BigDecimal(text.trim()).signum() <= 0) {
        problems.add(at, "must be > 0");
      }
    } catch (NumberFormatException e) {
      problems.add(at, "'" + text + "' is not a number of requests per second");
    }
  }

  /** A fraction in 0..100% ({@code exclusive}: strictly between). */
  private void percent(String text, FieldPath at, boolean exclusive) {
    try {
      double p = Percent.parse(text);
      if (exclusive ? p <= 0 || p >= 1 : p > 1) {
        problems.add(at, "must be between 0% and 100%" + (exclusive ? ", exclusive (e.g. 5%)" : ""));
      }
    } catch (IllegalArgumentException e) {
      problems.add(at, e.getMessage());
    }
  }

  private void capacity(LoadTestSpec spec, FieldPath at) {
    Capacity c = spec.capacity();
    if (spec.load() != null && spec.load().model() == LoadModel.Closed) {
      problems.add(root.field("load").field("model"),
          "must be Open with capacity: the search varies the arrival rate, which the Closed model does not set");
    }
    if (spec.load() != null && spec.load().stages() != null) {
      problems.add(root.field("load").field("stages"),
          "not used with capacity (the search sets the rate); remove stages or capacity");
    }
    if (spec.thresholds() != null && !spec.thresholds().isEmpty()) {
      problems.add(root.field("thresholds"),
          "not used with capacity: each step is judged against capacity.slo; move the limits there");
    }
    slo(c.slo(), at.field("slo"), requestNames(spec), scenarioNames(spec));
    boolean start = problems.required(at.field("startRate"), c.startRate())
        && problems.positive(at.field("startRate"), c.startRate());
    boolean max = problems.required(at.field("maxRate"), c.maxRate())
        && problems.positive(at.field("maxRate"), c.maxRate());
    if (start && max && c.maxRate() <= c.startRate()) {
      problems.add(at.field("maxRate"), "must be > startRate (" + Rates.text(c.startRate())
          + "): the search steps up from startRate to maxRate");
    }
    Duration step = problems.duration(at.field("stepDuration"), c.stepDuration());
    Duration settle = problems.duration(at.field("settle"), c.settle());
    step = step == null ? CapacityPlan.DEFAULT_STEP : step;
    if (step.compareTo(MIN_STEP) < 0) {
      problems.add(at.field("stepDuration"), "must be at least " + Durations.formatSpan(MIN_STEP)
          + ": a step needs time to settle and be judged");
    } else if (settle != null && (settle.isZero() || settle.plus(MIN_JUDGED).compareTo(step) > 0)) {
      problems.add(at.field("settle"), "must be > 0 and leave at least " + Durations.formatSpan(MIN_JUDGED)
          + " of the " + Durations.formatSpan(step) + " step to judge");
    } else if (start) {
      Duration judged = step.minus(settle != null ? settle : CapacityPlan.defaultSettle(step));
      double most = c.startRate() * judged.toMillis() / 1000.0 * CapacityPlan.MAX_LENGTHENING;
      if (most < CapacityPlan.FLOOR_SAMPLES) {
        problems.add(at.field("startRate"), "too low for " + Durations.formatSpan(step) + " steps: even held "
            + CapacityPlan.MAX_LENGTHENING + "x as long, a step would see " + (long) most + " requests, and a verdict"
            + " needs " + CapacityPlan.FLOOR_SAMPLES + "; raise startRate or stepDuration");
      }
    }
    if (c.precision() != null) {
      try {
        double p = Percent.parse(c.precision());
        if (p <= 0 || p > MAX_PRECISION) {
          problems.add(at.field("precision"), "must be above 0% and at most 50% (e.g. 5%): the search narrows the"
              + " gap between the best passing and the first failing rate to this");
        }
      } catch (IllegalArgumentException e) {
        problems.add(at.field("precision"), e.getMessage());
      }
    }
    problems.positive(at.field("currentRate"), c.currentRate());
    if (problems.positive(at.field("requiredHeadroom"), c.requiredHeadroom()) && c.currentRate() == null) {
      problems.add(at.field("currentRate"),
          "required with requiredHeadroom (headroom is the highest sustainable rate / currentRate)");
    }
  }

  private void slo(Map<String, Object> slo, FieldPath at, List<String> requestNames, List<String> scenarioNames) {
    if (slo == null || slo.isEmpty()) {
      problems.add(at, "required: the limits a rate must meet, e.g. {p99: 500ms, errorRate: 1%}");
      return;
    }
    slo.forEach((name, limit) -> {
      if (CapacityPlan.REQUESTS_KEY.equals(name)) {
        sloByName(limit, at.field(name), requestNames, "request", requestsAt.text(), "{order: {p95: 800ms}}");
      } else if (CapacityPlan.SCENARIOS_KEY.equals(name)) {
        if (scenarioNames.isEmpty()) {
          problems.add(at.field(name), "needs spec.scenarios: this spec sends independent requests");
        } else {
          sloByName(limit, at.field(name), scenarioNames, "scenario", root.field("scenarios").text(),
              "{checkout: {p95: 3s, errorRate: 1%}}");
        }
      } else {
        sloLimit(name, limit, at.field(name));
      }
    });
  }

  /** Limits by request or scenario name: each name one the spec has, each limit a valid one. */
  private void sloByName(Object byName, FieldPath at, List<String> names, String what, String listedAt,
      String example) {
    if (!(byName instanceof Map<?, ?> scoped) || scoped.isEmpty()) {
      problems.add(at, "must map " + what + " names to their limits, e.g. " + example);
      return;
    }
    scoped.forEach((key, limits) -> {
      String name = String.valueOf(key);
      FieldPath na = at.field(name);
      if (!names.contains(name)) {
        problems.add(na, "no " + what + " named '" + name + "' in " + listedAt + Suggestions.didYouMean(name, names));
      } else if (!(limits instanceof Map<?, ?> m) || m.isEmpty()) {
        problems.add(na, "must map metrics to limits, e.g. {p95: 800ms}");
      } else {
        m.forEach((metric, limit) -> sloLimit(String.valueOf(metric), limit, na.field(String.valueOf(metric))));
      }
    });
  }

  private void sloLimit(String name, Object limit, FieldPath at) {
    Metric metric = metric(name, at);
    if (metric == Metric.RPS) {
      problems.add(at, "not an SLO metric: the search checks the achieved rate of every step itself");
    } else if (metric != null && problems.required(at, limit)) {
      if (limit instanceof Map<?, ?> || limit instanceof List<?>) {
        problems.add(at, "must be a single limit (" + example(metric) + ")");
      } else {
        limit(metric, String.valueOf(limit), at);
      }
    }
  }

  /**
   * A comparison with a baseline run. {@code spec} is the LoadTest spec compared: a LoadTest's own,
   * or a schedule's template (null when that is missing, and then only the limits' form is checked).
   */
  private void regression(Regression r, LoadTestSpec spec, FieldPath at) {
    if (r == null) {
      return;
    }
    String baseline = r.baseline();
    if (baseline != null && !BASELINE.matcher(baseline).matches()) {
      problems.add(at.field("baseline"), "'" + baseline + "' is neither Previous nor a LoadTest name (lower-case"
          + " letters, digits and '-', starting and ending with a letter or digit)");
    } else if (baseline != null && baseline.length() > WorkerResources.MAX_NAME_LENGTH) {
      problems.add(at.field("baseline"), "at most " + WorkerResources.MAX_NAME_LENGTH
          + " characters: a LoadTest with a longer name never runs, so it is never a baseline");
    }
    boolean search = spec != null && spec.capacity() != null;
    Map<String, String> runLimits = new LinkedHashMap<>();
    runLimits.put("maxP50Increase", r.maxP50Increase());
    runLimits.put("maxP90Increase", r.maxP90Increase());
    runLimits.put("maxP99Increase", r.maxP99Increase());
    runLimits.put("maxErrorRateIncrease", r.maxErrorRateIncrease());
    runLimits.forEach((field, text) -> {
      if (text == null) {
        return;
      }
      if (search) {
        problems.add(at.field(field), "not compared on a capacity search: its latencies and errors change with the"
            + " rate of each step, on purpose; only maxCapacityDrop is");
        return;
      }
      Double limit = percentage(text, at.field(field));
      if (limit != null && field.equals("maxErrorRateIncrease") && limit > 1) {
        problems.add(at.field(field), "must be at most 100%: it is in percentage points (1% lets 0.5% become 1.5%)");
      }
    });
    String drop = r.maxCapacityDrop();
    if (drop != null && spec != null && !search) {
      problems.add(at.field("maxCapacityDrop"), "needs a capacity search (" + root.field("capacity")
          + "): only a search finds a capacity to compare");
    } else if (drop != null) {
      Double limit = percentage(drop, at.field("maxCapacityDrop"));
      if (limit != null && limit >= 1) {
        problems.add(at.field("maxCapacityDrop"), "must be below 100%: a capacity cannot drop by all of itself");
      }
    }
  }

  /** A regression limit as the CRD's schema takes it: {@code 10%}, not a bare fraction. */
  private Double percentage(String text, FieldPath at) {
    if (!PERCENT.matcher(text).matches()) {
      problems.add(at, "'" + text + "' is not a percentage such as 10%");
      return null;
    }
    return Percent.parse(text);
  }
}
