package dev.headroom.capacity;

import dev.headroom.api.v1alpha1.CapacityResult;
import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.results.Rates;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a capacity search found, as the status says it: the figures, a verdict, and one sentence
 * ("sustains 3400 rps at p99 <= 500ms: 4.25x today's 800 rps").
 */
public record CapacityReport(CapacityResult result, Verdict verdict, String message) {

  /** {@code limitedBy} when every step up to maxRate met the SLO. */
  public static final String MAX_RATE = "maxRate";

  /** The search's figures so far, for live status: the bracket, and every step. */
  public static CapacityResult progress(CapacitySearch search) {
    CapacitySearch.Bracket b = search.bracket();
    return new CapacityResult(b.pass(), b.fail(), null, null, search.steps());
  }

  /** "step 4 at 1600 rps; holds 800, breaks at 3200 so far", for a progress line or message. */
  public static String progressLine(CapacitySearch search) {
    CapacitySearch.Bracket b = search.bracket();
    StringBuilder line = new StringBuilder("step ").append(search.currentStep() + 1).append(" at ")
        .append(Rates.text(search.currentRate())).append(' ').append(search.plan().unit());
    if (b.pass() != null || b.fail() != null) {
      line.append("; ");
      if (b.pass() != null) {
        line.append("holds ").append(Rates.text(b.pass()));
      }
      if (b.fail() != null) {
        line.append(b.pass() != null ? ", " : "").append("breaks at ").append(Rates.text(b.fail()));
      }
      line.append(" so far");
    }
    return line.toString();
  }

  /** The finished search's result. */
  public static CapacityReport of(CapacitySearch search, int replicas) {
    CapacityPlan plan = search.plan();
    List<CapacityStep> steps = search.steps();
    CapacitySearch.Bracket b = search.bracket();
    CapacityStep last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
    String slo = describe(plan.slo());
    String unit = " " + plan.unit();
    if (!search.finished()) {
      // Cancelled, or every worker finished or was lost first: say how far it got, claim nothing.
      long judged = steps.stream().filter(CapacityStep::judged).count();
      String sofar = judged == 0 ? "no step was judged"
          : judged + (judged == 1 ? " step" : " steps") + " judged" + bracketText(b, unit);
      return new CapacityReport(new CapacityResult(null, null, null, null, steps), Verdict.Fail,
          "the search ended before it found the capacity: " + sofar);
    }
    if (last != null && CapacitySearch.GENERATOR.equals(last.limitedBy())) {
      return generatorLimited(plan, b, last, replicas, steps, slo, unit);
    }
    if (b.pass() == null) {
      String why = last == null ? "no step ran" : Rates.text(last.targetRps()) + unit + " broke " + last.limitedBy()
          + (last.note() != null ? " (" + last.note() + ")" : "");
      return new CapacityReport(new CapacityResult(null, b.fail(), b.failedOn(), null, steps), Verdict.Fail,
          "no step met the SLO (" + slo + "): " + why + "; a lower startRate finds where it holds");
    }
    boolean reachedMax = b.pass() >= plan.maxRate();
    String limitedBy = b.fail() != null ? b.failedOn() : reachedMax ? MAX_RATE : null;
    String headroom = headroom(b.pass(), plan.currentRate());
    StringBuilder message = new StringBuilder("sustains ").append(Rates.text(b.pass())).append(unit).append(" at ")
        .append(slo);
    if (b.fail() != null) {
      message.append("; breaks at ").append(Rates.text(b.fail())).append(unit).append(" on ").append(limitedBy);
    } else if (reachedMax) {
      message.append(", up to maxRate: nothing broke");
    }
    boolean narrowed = b.fail() != null && b.fail() / b.pass() - 1 <= plan.precision();
    if (!narrowed && !reachedMax && steps.stream().filter(CapacityStep::judged).count() >= plan.maxSteps()) {
      // Out of steps: what held is a lower bound, not the capacity to the precision asked for.
      message.append(" (the search used its ").append(plan.maxSteps()).append(" steps before it was within ")
          .append(number(plan.precision() * 100)).append("%)");
    }
    if (headroom != null) {
      message.append(": ").append(headroom).append(" today's ").append(Rates.text(plan.currentRate())).append(unit);
    }
    Verdict verdict = Verdict.Pass;
    if (plan.requiredHeadroom() != null && b.pass() / plan.currentRate() < plan.requiredHeadroom()) {
      verdict = Verdict.Fail;
      message.append(", below the required ").append(number(plan.requiredHeadroom())).append("x");
    }
    steps.stream().filter(s -> s.passed() && s.targetRps().equals(b.pass()) && s.note() != null).findFirst()
        .ifPresent(s -> message.append(" (that step: ").append(s.note()).append(")"));
    return new CapacityReport(new CapacityResult(b.pass(), b.fail(), limitedBy, headroom, steps), verdict,
        message.toString());
  }

  private static CapacityReport generatorLimited(CapacityPlan plan, CapacitySearch.Bracket b, CapacityStep last,
      int replicas, List<CapacityStep> steps, String slo, String unit) {
    double offered = last.rps() == null ? 0 : last.rps();
    double perWorker = Math.max(offered, b.pass() == null ? 0 : b.pass()) / replicas;
    StringBuilder message = new StringBuilder("no capacity figure: the generator could not offer ")
        .append(Rates.text(last.targetRps())).append(unit).append(" with ").append(replicas)
        .append(replicas == 1 ? " worker" : " workers").append(" (").append(last.note()).append(")");
    if (perWorker > 0) {
      long needed = (long) Math.ceil(plan.maxRate() / (perWorker * 0.8));
      message.append("; about ").append(needed).append(" workers (or as much more CPU) would offer maxRate ")
          .append(Rates.text(plan.maxRate())).append(unit);
    }
    Verdict verdict = Verdict.Fail;
    if (b.pass() != null) {
      message.append("; the target held at least ").append(Rates.text(b.pass())).append(unit).append(" at ").append(slo);
      if (plan.currentRate() != null) {
        message.append(", ").append(headroom(b.pass(), plan.currentRate())).append(" today's ")
            .append(Rates.text(plan.currentRate())).append(unit);
        if (plan.requiredHeadroom() != null && b.pass() / plan.currentRate() >= plan.requiredHeadroom()) {
          verdict = Verdict.Pass; // at least the required headroom, whatever the rest would show
        }
      }
    }
    return new CapacityReport(new CapacityResult(null, null, CapacitySearch.GENERATOR, null, steps), verdict,
        message.toString());
  }

  private static String bracketText(CapacitySearch.Bracket b, String unit) {
    if (b.pass() == null && b.fail() == null) {
      return "";
    }
    return ": " + (b.pass() != null ? "held " + Rates.text(b.pass()) + unit : "")
        + (b.pass() != null && b.fail() != null ? ", " : "")
        + (b.fail() != null ? "broke at " + Rates.text(b.fail()) + unit : "");
  }

  /** "p99 <= 500ms, errorRate <= 1%". */
  static String describe(List<Threshold> slo) {
    return slo.stream()
        .map(t -> t.metric() + (t.scenario() != null ? " of " + t.scenario() + " journeys"
            : t.request() != null ? " of " + t.request() : "") + " <= " + t.max())
        .collect(Collectors.joining(", "));
  }

  /** "4.25x", three significant digits; null without a current rate. */
  static String headroom(double sustained, Double currentRate) {
    if (currentRate == null || currentRate <= 0) {
      return null;
    }
    return number(sustained / currentRate) + "x";
  }

  private static String number(double value) {
    return new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
  }
}
