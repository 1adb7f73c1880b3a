package dev.headroom.e2e.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.Capacity;
import dev.headroom.api.v1alpha1.CapacityResult;
import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.RequestResult;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.api.v1alpha1.WorkerCounts;
import dev.headroom.results.Percent;
import dev.headroom.results.Rates;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What a capacity search against the demo target must show in its status, on whichever node it
 * ran: the process kubelets of tier 3 or the real node's containers.
 */
public final class CapacityChecks {

  /** The demo target's true capacity, from examples/demo-target.yaml: concurrency 10 / 10 ms. */
  public static final double DEMO_TARGET_RPS = 1000;
  private static final double CAPACITY_TOLERANCE = 0.15;
  private static final Set<String> SLO_METRICS = Set.of("p90", "p99", "errorRate");

  private CapacityChecks() {}

  /**
   * Every step numbered in order and judged on traffic, the first at startRate and none above
   * maxRate; a figure no higher than the target can do, bracketed within the precision by a step
   * that broke an SLO metric (not the generator); and totals that hold every step's requests.
   *
   * @param status the status as JSON, for failure messages
   */
  public static void assertFoundACapacity(Capacity spec, LoadTestStatus s, String status) {
    CapacityResult c = s.getCapacity();
    assertNotNull(c, status);
    List<CapacityStep> steps = c.steps();
    assertTrue(steps.size() >= 3, "at least up, up and a break: " + status);
    assertEquals(IntStream.range(0, steps.size()).boxed().toList(), steps.stream().map(CapacityStep::step).toList(),
        "steps numbered 0..n-1, none lost or repeated");
    for (CapacityStep step : steps) {
      assertNotNull(step.passed(), "every step judged: " + step);
      assertTrue(step.targetRps() > 0 && step.targetRps() <= spec.maxRate(), step.toString());
      assertTrue(step.rps() != null && step.rps() > 0, step.toString());
      assertTrue(step.requests() != null && step.requests() > 0, step.toString());
      assertEquals(step.passed(), step.limitedBy() == null, "a step that failed says on what: " + step);
    }
    assertEquals(spec.startRate(), steps.get(0).targetRps());

    assertNotNull(c.maxSustainableRps(), status);
    assertTrue(c.maxSustainableRps() <= DEMO_TARGET_RPS * (1 + CAPACITY_TOLERANCE),
        "more than the target can do: " + status);
    assertTrue(SLO_METRICS.contains(c.limitedBy()), "limited by an SLO metric, not the generator: " + status);
    assertNotNull(c.breakingRps(), status);
    assertTrue(c.breakingRps() / c.maxSustainableRps() - 1 <= Percent.parse(spec.precision()),
        "bracketed within " + spec.precision() + ": " + c.maxSustainableRps() + " .. " + c.breakingRps());
    assertTrue(steps.stream().anyMatch(st -> st.passed() && st.targetRps().equals(c.maxSustainableRps())), status);
    assertTrue(steps.stream().anyMatch(st -> !st.passed() && st.targetRps().equals(c.breakingRps())
        && c.limitedBy().equals(st.limitedBy())), status);

    // Each step is judged on part of the run, so the run's total holds every step's requests;
    // and the per-request table adds up to the same total.
    long total = s.getSummary().requests();
    long judged = steps.stream().mapToLong(CapacityStep::requests).sum();
    assertTrue(total >= judged, "summary.requests " + total + " < " + judged + " in the judged steps");
    assertEquals(total, s.getRequests().stream().mapToLong(RequestResult::requests).sum(), s.getRequests().toString());
  }

  /**
   * {@code examples/capacity.yaml}'s run: Succeeded and Pass with the demo target's capacity, its
   * headroom and one-line message, every worker kept, and {@code kubectl get lt -o wide} showing
   * the figure and the headroom in their own columns.
   *
   * @param wide the output of {@code kubectl get lt NAME -o wide}
   */
  public static void assertExampleFoundTheDemoTargetsCapacity(LoadTest example, LoadTestStatus s, String status,
      String wide) {
    Capacity spec = example.getSpec().capacity();
    assertEquals(LoadTestPhase.Succeeded, s.getPhase(), status);
    assertEquals(Verdict.Pass, s.getVerdict(), status);
    assertFoundACapacity(spec, s, status);

    CapacityResult c = s.getCapacity();
    assertEquals(DEMO_TARGET_RPS, c.maxSustainableRps(), DEMO_TARGET_RPS * CAPACITY_TOLERANCE,
        () -> "within 15% of the demo target's capacity: " + status);
    assertTrue(c.maxSustainableRps() / spec.currentRate() >= spec.requiredHeadroom(),
        "the example's requiredHeadroom must be met for its verdict to be Pass: " + c.headroom());
    assertEquals(headroom(c.maxSustainableRps() / spec.currentRate()), c.headroom());
    // The SLO's clauses in any order: the API server hands the slo map back with its keys sorted.
    String message = s.getMessage();
    assertTrue(message.startsWith("sustains " + Rates.text(c.maxSustainableRps()) + " rps at ")
        && message.contains("p99 <= 100ms") && message.contains("errorRate <= 1%")
        && message.contains("; breaks at " + Rates.text(c.breakingRps()) + " rps on " + c.limitedBy() + ": "
            + c.headroom() + " today's " + Rates.text(spec.currentRate()) + " rps"), message);
    int replicas = example.getSpec().replicas();
    assertEquals(new WorkerCounts(replicas, replicas, 0), s.getWorkers());
    assertNotNull(s.getCompletionTime());

    List<String> lines = wide.lines().filter(l -> !l.isBlank()).toList();
    assertEquals(2, lines.size(), lines.toString());
    List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
    List<String> row = Arrays.asList(lines.get(1).trim().split("\\s+"));
    assertTrue(header.contains("CAPACITY") && header.contains("HEADROOM"), header.toString());
    assertEquals(header.size(), row.size(), lines.toString());
    assertEquals(c.maxSustainableRps(), Double.parseDouble(row.get(header.indexOf("CAPACITY"))), lines.toString());
    assertEquals(c.headroom(), row.get(header.indexOf("HEADROOM")), lines.toString());
  }

  /** Headroom as the status writes it: three significant digits, "4.96x". */
  private static String headroom(double ratio) {
    return new BigDecimal(ratio).round(new MathContext(3, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString()
        + "x";
  }
}
