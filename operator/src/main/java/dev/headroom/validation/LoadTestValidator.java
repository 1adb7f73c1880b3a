package dev.headroom.validation;

import dev.headroom.api.v1alpha1.Capacity;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.api.v1alpha1.Workers;
import dev.headroom.plan.FieldPath;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.PlanValidator;
import dev.headroom.plan.Problem;
import dev.headroom.plan.Problems;
import dev.headroom.plan.RequestSpec;
import dev.headroom.results.Metric;
import dev.headroom.results.Percent;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a {@code LoadTest} spec and reports every problem, each at its path under {@code spec.}.
 * The plan part ({@code target}, {@code requests}, {@code load}) is {@link PlanValidator}'s; this
 * adds the operator's fields. The operator writes the problems to status; the CLI prints them.
 */
public final class LoadTestValidator {

  public static final int MAX_REPLICAS = 1000;

  private static final FieldPath SPEC = FieldPath.of("spec");
  private static final List<String> METRICS = Arrays.stream(Metric.values()).map(Metric::key).toList();

  private final Problems problems = new Problems();

  private LoadTestValidator() {}

  public static List<Problem> validate(LoadTestSpec spec) {
    return new LoadTestValidator().spec(spec);
  }

  private List<Problem> spec(LoadTestSpec spec) {
    if (!problems.required(SPEC, spec)) {
      return problems.list();
    }
    if (spec.capacity() == null) {
      problems.addAll(PlanValidator.validate(spec.plan(), SPEC.text()));
    } else {
      problems.addAll(PlanValidator.validateWithoutStages(spec.plan(), SPEC.text()));
    }
    if (spec.workers() != null) {
      workers(spec.workers(), SPEC.field("workers"));
    }
    List<Threshold> thresholds = spec.thresholds() == null ? List.of() : spec.thresholds();
    if (thresholds.size() > LoadTestSpec.MAX_THRESHOLDS) {
      problems.add(SPEC.field("thresholds"),
          "lists " + thresholds.size() + " thresholds; at most " + LoadTestSpec.MAX_THRESHOLDS);
    } else {
      for (int i = 0; i < thresholds.size(); i++) {
        threshold(thresholds.get(i), SPEC.field("thresholds").index(i), requestNames(spec));
      }
    }
    if (spec.capacity() != null) {
      capacity(spec, SPEC.field("capacity"));
    }
    Integer ttl = spec.ttlSecondsAfterFinished();
    if (ttl != null && ttl < 0) {
      problems.add(SPEC.field("ttlSecondsAfterFinished"), "must be >= 0");
    }
    return problems.list();
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

  private static List<String> requestNames(LoadTestSpec spec) {
    return spec.requests() == null
        ? List.of()
        : spec.requests().stream().filter(Objects::nonNull).map(RequestSpec::name).filter(Objects::nonNull).toList();
  }

  private void threshold(Threshold t, FieldPath at, List<String> requestNames) {
    if (!problems.required(at, t)) {
      return;
    }
    Metric metric = metric(t.metric(), at.field("metric"));
    if (t.request() != null && !requestNames.contains(t.request())) {
      problems.add(at.field("request"), "no request named '" + t.request() + "' in spec.requests"
          + Suggestions.didYouMean(t.request(), requestNames));
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
      problems.add(SPEC.field("load").field("model"),
          "must be Open with capacity: the search varies the arrival rate, which the Closed model does not set");
    }
    if (spec.load() != null && spec.load().stages() != null) {
      problems.add(SPEC.field("load").field("stages"),
          "not used with capacity (the search sets the rate); remove stages or capacity");
    }
    slo(c.slo(), at.field("slo"));
    boolean start = problems.positive(at.field("startRate"), c.startRate());
    boolean max = problems.positive(at.field("maxRate"), c.maxRate());
    if (start && max && c.maxRate() <= c.startRate()) {
      problems.add(at.field("maxRate"), "must be > startRate");
    }
    problems.positiveDuration(at.field("stepDuration"), c.stepDuration());
    if (c.precision() != null) {
      percent(c.precision(), at.field("precision"), true);
    }
    problems.positive(at.field("currentRate"), c.currentRate());
    if (problems.positive(at.field("requiredHeadroom"), c.requiredHeadroom()) && c.currentRate() == null) {
      problems.add(at.field("currentRate"),
          "required with requiredHeadroom (headroom is the highest sustainable rate / currentRate)");
    }
  }

  private void slo(Map<String, String> slo, FieldPath at) {
    if (slo == null || slo.isEmpty()) {
      problems.add(at, "required: the limits a rate must meet, e.g. {p99: 500ms, errorRate: 1%}");
      return;
    }
    slo.forEach(
        (name, limit) -> {
          Metric metric = metric(name, at.field(name));
          if (metric != null && problems.required(at.field(name), limit)) {
            limit(metric, limit, at.field(name));
          }
        });
  }
}
