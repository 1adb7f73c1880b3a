package dev.headroom.e2e.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import dev.headroom.e2e.ClusterExtension;
import dev.headroom.results.Percent;
import dev.headroom.results.Rates;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The capacity search on a real control plane: {@code examples/capacity.yaml}, applied with
 * {@code kubectl} beside the demo target, finds the demo target's capacity (exactly 1000 rps: 10
 * servers of 10 ms) and reports it in the status, its message and {@code kubectl get}'s columns;
 * and a search whose operator is restarted midway keeps every step already judged and still ends
 * with a capacity figure (the new operator re-judges the step in progress from intervals pulled
 * again).
 */
@ExtendWith({ClusterExtension.class, HeadroomExtension.class})
class CapacityIT {

  private static final String EXAMPLE = "capacity.yaml";
  /** The demo target's true capacity, from examples/demo-target.yaml: concurrency 10 / 10 ms. */
  private static final double DEMO_TARGET_RPS = 1000;
  private static final double CAPACITY_TOLERANCE = 0.15;
  private static final Set<String> SLO_METRICS = Set.of("p90", "p99", "errorRate");
  private static final Set<LoadTestPhase> ENDED = Set.of(LoadTestPhase.Succeeded, LoadTestPhase.Failed,
      LoadTestPhase.Cancelled);
  /**
   * The restart test's search, judged on p90 (100 samples suffice, so no step is held longer for
   * samples, and a brief stall of a worker starved by the new operator's JVM start does not decide
   * it); short settles, so that overloaded steps break at their first judged second. About 60 s.
   */
  private static final String RESTARTED = """
      apiVersion: headroom.dev/v1alpha1
      kind: LoadTest
      metadata: {name: capacity-restarted}
      spec:
        target: {url: "http://demo-target:8080", timeout: 2s}
        requests: [{name: browse, path: /products}]
        capacity:
          slo: {p90: 50ms, errorRate: "1%"}
          startRate: 200
          maxRate: 2000
          stepDuration: 5s
          settle: 2s
          precision: "10%"
        workers: {replicas: 2}
      """;
  /**
   * The search takes about 70 s on an idle 2-core machine, the workers' start and an operator
   * restart on top; twice {@link LoadTests#RUN_TIMEOUT} leaves room for a busy one.
   */
  private static final Duration SEARCH_TIMEOUT = LoadTests.RUN_TIMEOUT.multipliedBy(2);

  private final KubernetesClient client;
  private final HeadroomInstall headroom;
  private final LoadTests loadTests;

  CapacityIT(KubernetesClient client, HeadroomInstall headroom, LoadTests loadTests) {
    this.client = client;
    this.headroom = headroom;
    this.loadTests = loadTests;
  }

  @Test
  void theCapacityExampleFindsTheDemoTargetsCapacityWithinTheSlo() {
    LoadTest example = example();
    String name = example.getMetadata().getName();
    Capacity spec = example.getSpec().capacity();
    loadTests.applyExample(EXAMPLE);

    LoadTestStatus s = awaitSearchEnd(name).getStatus();
    assertEquals(LoadTestPhase.Succeeded, s.getPhase(), () -> loadTests.describe(name));
    assertEquals(Verdict.Pass, s.getVerdict(), s.getMessage());
    assertSearchFoundACapacity(name, spec, s);

    CapacityResult c = s.getCapacity();
    assertEquals(DEMO_TARGET_RPS, c.maxSustainableRps(), DEMO_TARGET_RPS * CAPACITY_TOLERANCE,
        () -> "within 15% of the demo target's capacity: " + loadTests.describe(name));
    assertTrue(c.maxSustainableRps() / spec.currentRate() >= spec.requiredHeadroom(),
        "the example's requiredHeadroom must be met for its verdict to be Pass: " + c.headroom());
    assertEquals(headroom(c.maxSustainableRps() / spec.currentRate()), c.headroom());
    // The SLO's clauses in any order: the API server hands the slo map back with its keys sorted.
    String message = s.getMessage();
    assertTrue(message.startsWith("sustains " + Rates.text(c.maxSustainableRps()) + " rps at ")
        && message.contains("p99 <= 100ms") && message.contains("errorRate <= 1%")
        && message.contains("; breaks at " + Rates.text(c.breakingRps()) + " rps on " + c.limitedBy() + ": "
            + c.headroom() + " today's " + Rates.text(spec.currentRate()) + " rps"), message);
    assertEquals(new WorkerCounts(example.getSpec().replicas(), example.getSpec().replicas(), 0), s.getWorkers());
    assertNotNull(s.getCompletionTime());

    // kubectl get lt shows the figure and the headroom in their own columns.
    List<String> lines = headroom.kubectl("get", "lt", name, "-n", headroom.namespace(), "-o", "wide")
        .lines().filter(l -> !l.isBlank()).toList();
    assertEquals(2, lines.size(), lines.toString());
    List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
    List<String> row = Arrays.asList(lines.get(1).trim().split("\\s+"));
    assertTrue(header.contains("CAPACITY") && header.contains("HEADROOM"), header.toString());
    assertEquals(header.size(), row.size(), lines.toString());
    assertEquals(c.maxSustainableRps(), Double.parseDouble(row.get(header.indexOf("CAPACITY"))), lines.toString());
    assertEquals(c.headroom(), row.get(header.indexOf("HEADROOM")), lines.toString());
  }

  @Test
  void anOperatorRestartedMidSearchKeepsTheJudgedStepsAndStillReachesACapacity() {
    LoadTest lt = client.getKubernetesSerialization().unmarshal(RESTARTED, LoadTest.class);
    String name = lt.getMetadata().getName();
    loadTests.create(RESTARTED);

    // Two verdicts in the status: the first operator has judged steps for the second to keep.
    List<CapacityStep> before = judged(loadTests.await(name, "2 judged capacity steps",
        r -> LoadTests.phase(r) == LoadTestPhase.Running && judged(r).size() >= 2, SEARCH_TIMEOUT));
    restartOperator(name);

    LoadTestStatus s = awaitSearchEnd(name).getStatus();
    assertEquals(LoadTestPhase.Succeeded, s.getPhase(), () -> loadTests.describe(name));
    List<CapacityStep> after = s.getCapacity().steps();
    assertTrue(after.size() > before.size(), () -> "the search went on after the restart: " + loadTests.describe(name));
    for (CapacityStep kept : before) {
      CapacityStep now = after.get(kept.step());
      assertEquals(kept.targetRps(), now.targetRps(), "step " + kept.step());
      assertEquals(kept.passed(), now.passed(), "step " + kept.step());
      assertEquals(kept, now, "a step judged before the restart is kept as it was");
    }
    assertSearchFoundACapacity(name, lt.getSpec().capacity(), s);
    // A pass judged before the restart still counts. The figure itself may come out lower than
    // without a restart: the new operator's JVM starts on the cores the workers use, and a step
    // sent late is measured from when it should have left.
    double keptPass = before.stream().filter(CapacityStep::passed).mapToDouble(CapacityStep::targetRps).max()
        .orElse(0);
    assertTrue(s.getCapacity().maxSustainableRps() >= keptPass, () -> loadTests.describe(name));
    assertEquals(new WorkerCounts(2, 2, 0), s.getWorkers());
  }

  /**
   * What any search against the demo target must show: every step numbered in order and judged on
   * traffic, the first at startRate and none above maxRate; a figure no higher than the target can
   * do, bracketed within the precision by a step that broke an SLO metric; and totals that hold
   * every step's requests.
   */
  private void assertSearchFoundACapacity(String name, Capacity spec, LoadTestStatus s) {
    CapacityResult c = s.getCapacity();
    assertNotNull(c, () -> loadTests.describe(name));
    List<CapacityStep> steps = c.steps();
    String status = client.getKubernetesSerialization().asJson(s);
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
   * Deletes the operator pod while the search runs, as a node drain would, and waits until its
   * Deployment has a new one ready.
   */
  private void restartOperator(String loadTest) {
    Pod first = headroom.operatorPod();
    client.pods().inNamespace(headroom.operatorNamespace()).withName(first.getMetadata().getName()).delete();
    client.pods().inNamespace(headroom.operatorNamespace()).withName(first.getMetadata().getName())
        .waitUntilCondition(p -> p == null, 60, TimeUnit.SECONDS);
    assertEquals(LoadTestPhase.Running, LoadTests.phase(loadTests.named(loadTest).get()),
        "the search must outlive the first operator for this test to mean anything");
    headroom.awaitOperatorReady();
    assertNotEquals(first.getMetadata().getUid(), headroom.operatorPod().getMetadata().getUid());
  }

  private LoadTest awaitSearchEnd(String name) {
    return loadTests.await(name, "end of the search",
        lt -> LoadTests.run(lt) >= 1 && ENDED.contains(LoadTests.phase(lt)), SEARCH_TIMEOUT);
  }

  private static LoadTest example() {
    return PlannedLoad.read(HeadroomInstall.repo().resolve("examples").resolve(EXAMPLE));
  }

  private static List<CapacityStep> judged(LoadTest lt) {
    CapacityResult c = lt.getStatus() == null ? null : lt.getStatus().getCapacity();
    return c == null || c.steps() == null ? List.of() : c.steps().stream().filter(CapacityStep::judged).toList();
  }

  /** Headroom as the status writes it: three significant digits, "4.96x". */
  private static String headroom(double ratio) {
    return new BigDecimal(ratio).round(new MathContext(3, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString()
        + "x";
  }
}
