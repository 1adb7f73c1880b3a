package dev.headroom.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.plan.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadTestValidatorTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String PLAN = """
      target: {url: "http://127.0.0.1:8080"}
      requests: [{name: browse, path: /}, {name: order, method: POST, path: /orders}]
      """;
  private static final String STAGES = "load: {stages: [{duration: 30s, rate: 100}]}\n";
  private static final String CAPACITY = """
      capacity:
        slo: {p99: 500ms}
        startRate: 100
        maxRate: 2000
      """;

  private static List<String> problems(String specYaml) throws Exception {
    LoadTestSpec spec = YAML.readValue(specYaml, LoadTestSpec.class);
    return LoadTestValidator.validate(spec).stream().map(Problem::toString).toList();
  }

  @Test
  void aSpecIsRequired() {
    assertEquals(List.of(new Problem("spec", "required")), LoadTestValidator.validate((LoadTestSpec) null));
  }

  @Test
  void thePlanIsCheckedUnderSpec() throws Exception {
    assertEquals(
        List.of("spec.target: required", "spec.requests: required: list requests, or scenarios for journeys",
            "spec.load: required"),
        problems("ttlSecondsAfterFinished: 5"));
  }

  @Test
  void thresholdsAreBounded() throws Exception {
    String fifty = "thresholds:\n" + "  - {metric: p99, max: 1s}\n".repeat(LoadTestSpec.MAX_THRESHOLDS);
    assertEquals(List.of(), problems(PLAN + STAGES + fifty));
    assertEquals(List.of("spec.thresholds: lists 51 thresholds; at most 50"),
        problems(PLAN + STAGES + fifty + "  - {metric: p99, max: 2s}\n"));
  }

  @Test
  void workerReplicasAndTtlAreBounded() throws Exception {
    assertEquals(
        List.of("spec.workers.replicas: must be between 1 and 1000", "spec.ttlSecondsAfterFinished: must be >= 0"),
        problems(PLAN + STAGES + "workers: {replicas: 0}\nttlSecondsAfterFinished: -1\n"));
    assertEquals(List.of("spec.workers.replicas: must be between 1 and 1000"), problems(PLAN + STAGES + "workers: {replicas: 1001}\n"));
    assertEquals(List.of(), problems(PLAN + STAGES + "workers: {replicas: 1000, failurePolicy: Fail}\nttlSecondsAfterFinished: 0\n"));
  }

  @Test
  void workerResourcesMustBeKubernetesQuantities() throws Exception {
    assertEquals(
        List.of(
            "spec.workers.resources.requests.cpu: 'abc' is not a quantity (e.g. 500m, 2, 512Mi)",
            "spec.workers.resources.limits.memory: '12 Mi' is not a quantity (e.g. 500m, 2, 512Mi)",
            "spec.workers.resources.limits.ephemeral-storage: required"),
        problems(PLAN + STAGES + """
            workers:
              resources:
                requests: {cpu: abc, memory: 1Gi}
                limits: {cpu: 2, memory: "12 Mi", ephemeral-storage: null}
            """));
  }

  @Test
  void everyMetricKindTakesItsOwnLimit() throws Exception {
    assertEquals(
        List.of(),
        problems(PLAN + STAGES + """
            thresholds:
              - {metric: min, max: 1ms}
              - {metric: mean, max: 1ms}
              - {metric: p50, max: 1ms}
              - {metric: p90, max: 1ms}
              - {metric: p95, max: 1ms}
              - {metric: p99, max: 1ms}
              - {metric: p999, max: 1ms}
              - {metric: max, max: 1s}
              - {metric: errorRate, max: "0.5%"}
              - {metric: errorRate, max: 0}
              - {metric: errorRate, max: 1}
              - {metric: rps, min: 0.5, request: order}
            """));
  }

  @Test
  void thresholdLimitsAreRequiredValidAndOnTheRightSide() throws Exception {
    assertEquals(
        List.of(
            "spec.thresholds[0].metric: required",
            "spec.thresholds[1].max: required for p99 (a duration such as 500ms)",
            "spec.thresholds[1].min: not used for p99 (set max)",
            "spec.thresholds[2].max: must be > 0",
            "spec.thresholds[3].max: required for errorRate (a percentage such as 1%)",
            "spec.thresholds[4].max: 'one' is not a percentage (write it like \"1%\" or as a fraction like 0.01)",
            "spec.thresholds[5].max: must be between 0% and 100%",
            "spec.thresholds[6].min: required for rps (requests per second such as 100)",
            "spec.thresholds[6].max: not used for rps (set min)",
            "spec.thresholds[7].min: 'lots' is not a number of requests per second",
            "spec.thresholds[8].min: must be > 0",
            "spec.thresholds[9].request: no request named 'Order' in spec.requests (did you mean order?)",
            "spec.thresholds[10]: required"),
        problems(PLAN + STAGES + """
            thresholds:
              - {max: 1s}
              - {metric: p99, min: 1s}
              - {metric: p99, max: 0ms}
              - {metric: errorRate}
              - {metric: errorRate, max: one}
              - {metric: errorRate, max: "101%"}
              - {metric: rps, max: 10}
              - {metric: rps, min: lots}
              - {metric: rps, min: 0}
              - {metric: p99, max: 1s, request: Order}
              - null
            """));
  }

  @Test
  void aValidCapacitySearchNeedsOnlyAnSlo() throws Exception {
    assertEquals(List.of(), problems(PLAN + CAPACITY));
    assertEquals(List.of(), problems(PLAN + "load: {model: Open, warmup: 5s}\n" + CAPACITY));
  }

  @Test
  void capacityFieldsAreChecked() throws Exception {
    assertEquals(
        List.of(
            "spec.capacity.slo.p98: unknown metric 'p98' (did you mean p90, p95 or p99?); one of min, mean, p50, p90, p95, p99, p999, max, errorRate, rps",
            "spec.capacity.slo.errorRate: must be between 0% and 100%",
            "spec.capacity.slo.p99: required",
            "spec.capacity.startRate: must be > 0",
            "spec.capacity.maxRate: must be a finite number",
            "spec.capacity.stepDuration: must be at least 2s: a step needs time to settle and be judged",
            "spec.capacity.precision: must be above 0% and at most 50% (e.g. 5%): the search narrows the gap"
                + " between the best passing and the first failing rate to this",
            "spec.capacity.currentRate: must be > 0",
            "spec.capacity.requiredHeadroom: must be > 0"),
        problems(PLAN + """
            capacity:
              slo: {p98: 1s, errorRate: "200%", p99: null}
              startRate: 0
              maxRate: "NaN"
              stepDuration: 0s
              precision: "100%"
              currentRate: -1
              requiredHeadroom: 0
            """));
  }

  @Test
  void maxRateMustExceedStartRateAndHeadroomNeedsTheCurrentRate() throws Exception {
    assertEquals(
        List.of(
            "spec.capacity.maxRate: must be > startRate (100): the search steps up from startRate to maxRate",
            "spec.capacity.precision: 'five' is not a percentage (write it like \"1%\" or as a fraction like 0.01)",
            "spec.capacity.currentRate: required with requiredHeadroom (headroom is the highest sustainable rate / currentRate)"),
        problems(PLAN + """
            capacity:
              slo: {p99: 1s}
              startRate: 100
              maxRate: 100
              precision: five
              requiredHeadroom: 10
            """));
  }

  @Test
  void aCapacitySearchNeedsAnSloAndNeitherStagesNorTheClosedModel() throws Exception {
    assertEquals(
        List.of(
            "spec.load.model: must be Open with capacity: the search varies the arrival rate, which the Closed model does not set",
            "spec.load.stages: not used with capacity (the search sets the rate); remove stages or capacity",
            "spec.capacity.slo: required: the limits a rate must meet, e.g. {p99: 500ms, errorRate: 1%}"),
        problems(PLAN + "load: {model: Closed, stages: [{duration: 1m, users: 5}]}\n"
            + "capacity: {slo: {}, startRate: 10, maxRate: 20}\n"));
  }

  @Test
  void theIssuesBadCapacityInputsEachNameTheirField() throws Exception {
    assertEquals(List.of("spec.capacity.maxRate: must be > startRate (500): the search steps up from startRate to maxRate"),
        problems(PLAN + "capacity: {slo: {p99: 1s}, startRate: 500, maxRate: 100}\n"));
    String precision = "spec.capacity.precision: must be above 0% and at most 50% (e.g. 5%): the search narrows the"
        + " gap between the best passing and the first failing rate to this";
    assertEquals(List.of(precision),
        problems(PLAN + "capacity: {slo: {p99: 1s}, startRate: 10, maxRate: 20, precision: 0}\n"));
    assertEquals(List.of(precision),
        problems(PLAN + "capacity: {slo: {p99: 1s}, startRate: 10, maxRate: 20, precision: \"51%\"}\n"));
    assertEquals(List.of("spec.capacity.slo.p75: unknown metric 'p75' (did you mean p95?);"
            + " one of min, mean, p50, p90, p95, p99, p999, max, errorRate, rps"),
        problems(PLAN + "capacity: {slo: {p75: 1s}, startRate: 10, maxRate: 20}\n"));
    assertEquals(List.of("spec.load.stages: not used with capacity (the search sets the rate); remove stages or capacity"),
        problems(PLAN + STAGES + CAPACITY));
    assertEquals(List.of("spec.capacity.startRate: required", "spec.capacity.maxRate: required"),
        problems(PLAN + "capacity: {slo: {p99: 1s}}\n"));
  }

  @Test
  void sloLimitsPerRequestNameRealRequestsAndMetrics() throws Exception {
    assertEquals(List.of(),
        problems(PLAN + "capacity: {slo: {p99: 1s, requests: {order: {p95: 800ms, errorRate: 0.01}}},"
            + " startRate: 10, maxRate: 20}\n"));
    assertEquals(
        List.of(
            "spec.capacity.slo.requests.Order: no request named 'Order' in spec.requests (did you mean order?)",
            "spec.capacity.slo.requests.browse.rps: not an SLO metric: the search checks the achieved rate of every step itself",
            "spec.capacity.slo.errorRate: must be a single limit (a percentage such as 1%)"),
        problems(PLAN + "capacity: {slo: {requests: {Order: {p95: 1s}, browse: {rps: 5}}, errorRate: {a: 1}},"
            + " startRate: 10, maxRate: 20}\n"));
  }

  @Test
  void aStartRateTooLowForAnyVerdictIsRefused() throws Exception {
    assertEquals(List.of("spec.capacity.startRate: too low for 4s steps: even held 4x as long, a step would see 36"
            + " requests, and a verdict needs 100; raise startRate or stepDuration"),
        problems(PLAN + "capacity: {slo: {p99: 1s}, startRate: 3, maxRate: 20, stepDuration: 4s, settle: 1s}\n"));
  }

  @Test
  void settleLeavesTimeToJudgeAndThresholdsBelongToFixedStages() throws Exception {
    assertEquals(List.of("spec.capacity.settle: must be > 0 and leave at least 1s of the 10s step to judge"),
        problems(PLAN + "capacity: {slo: {p99: 1s}, startRate: 10, maxRate: 20, stepDuration: 10s, settle: 10s}\n"));
    assertEquals(List.of("spec.thresholds: not used with capacity: each step is judged against capacity.slo;"
            + " move the limits there"),
        problems(PLAN + CAPACITY + "thresholds: [{metric: p99, max: 1s}]\n"));
  }

  @Test
  void aFixedRunComparesLatenciesAndErrorsWithANamedOrPreviousBaseline() throws Exception {
    assertEquals(List.of(), problems(PLAN + STAGES + """
        regression: {baseline: checkout-41, maxP50Increase: "0%", maxP90Increase: "15%", maxP99Increase: "200%",
                     maxErrorRateIncrease: "0.5%"}
        """));
    assertEquals(List.of(), problems(PLAN + STAGES + "regression: {baseline: Previous}\n"));
    assertEquals(List.of(), problems(PLAN + STAGES + "regression: {}\n"), "no limits: the defaults apply");
  }

  @Test
  void regressionLimitsArePercentagesAndTheBaselineIsPreviousOrALoadTestName() throws Exception {
    assertEquals(
        List.of(
            "spec.regression.baseline: 'Checkout_41' is neither Previous nor a LoadTest name (lower-case letters,"
                + " digits and '-', starting and ending with a letter or digit)",
            "spec.regression.maxP50Increase: '0.2' is not a percentage such as 10%",
            "spec.regression.maxP90Increase: '-5%' is not a percentage such as 10%",
            "spec.regression.maxP99Increase: '20' is not a percentage such as 10%",
            "spec.regression.maxErrorRateIncrease: must be at most 100%: it is in percentage points"
                + " (1% lets 0.5% become 1.5%)"),
        problems(PLAN + STAGES + """
            regression: {baseline: Checkout_41, maxP50Increase: "0.2", maxP90Increase: "-5%", maxP99Increase: 20,
                         maxErrorRateIncrease: "100.5%"}
            """));
    assertEquals(List.of("spec.regression.baseline: at most 48 characters: a LoadTest with a longer name never runs,"
            + " so it is never a baseline"),
        problems(PLAN + STAGES + "regression: {baseline: " + "a".repeat(49) + "}\n"));
    assertEquals(List.of(), problems(PLAN + STAGES + "regression: {baseline: " + "a".repeat(48)
        + ", maxErrorRateIncrease: \"100%\"}\n"));
  }

  @Test
  void aCapacityDropIsComparedOnlyOnACapacitySearch() throws Exception {
    assertEquals(List.of("spec.regression.maxCapacityDrop: needs a capacity search (spec.capacity): only a search"
            + " finds a capacity to compare"),
        problems(PLAN + STAGES + "regression: {maxCapacityDrop: \"10%\"}\n"));
    assertEquals(List.of(), problems(PLAN + CAPACITY + "regression: {baseline: Previous, maxCapacityDrop: \"10%\"}\n"));
    assertEquals(List.of(), problems(PLAN + CAPACITY + "regression: {maxCapacityDrop: \"99.9%\"}\n"));
    assertEquals(List.of("spec.regression.maxCapacityDrop: must be below 100%: a capacity cannot drop by all of itself"),
        problems(PLAN + CAPACITY + "regression: {maxCapacityDrop: \"100%\"}\n"));
    assertEquals(List.of("spec.regression.maxCapacityDrop: 'ten' is not a percentage such as 10%"),
        problems(PLAN + CAPACITY + "regression: {maxCapacityDrop: ten}\n"));
  }

  @Test
  void aCapacitySearchRefusesLatencyAndErrorLimitsByName() throws Exception {
    String why = ": not compared on a capacity search: its latencies and errors change with the rate of each step,"
        + " on purpose; only maxCapacityDrop is";
    assertEquals(
        List.of("spec.regression.maxP50Increase" + why, "spec.regression.maxP90Increase" + why,
            "spec.regression.maxP99Increase" + why, "spec.regression.maxErrorRateIncrease" + why),
        problems(PLAN + CAPACITY + """
            regression: {maxP50Increase: "5%", maxP90Increase: "5%", maxP99Increase: "5%", maxErrorRateIncrease: "1%",
                         maxCapacityDrop: "10%"}
            """));
  }

  @Test
  void pathsInMessagesFollowTheSpecsRoot() throws Exception {
    assertEquals(List.of("spec.thresholds[0].request: no request named 'buy' in spec.requests"),
        problems(PLAN + STAGES + "thresholds: [{metric: p99, max: 1s, request: buy}]\n"));
  }

  private static final String JOURNEYS = """
      target: {url: "http://127.0.0.1:8080"}
      scenarios:
        - name: checkout
          steps:
            - request: {name: login, method: POST, path: /login, capture: [{var: token, json: $.token}]}
            - think: {min: 500ms, max: 2s}
            - request: {name: cart, path: "/cart/${uuid}", headers: {Authorization: "Bearer ${token}"}}
      """;

  @Test
  void aManifestWithJourneysIsCheckedByThePlanValidatorAndThresholdsNameItsSteps() throws Exception {
    assertEquals(List.of(),
        problems(JOURNEYS + STAGES + "thresholds: [{metric: p99, max: 1s, request: cart}]\n"));
    assertEquals(List.of(
            "spec.thresholds[0].request: no request named 'Cart' in spec.scenarios (did you mean cart?)"),
        problems(JOURNEYS + STAGES + "thresholds: [{metric: p99, max: 1s, request: Cart}]\n"));
  }

  @Test
  void anUnknownVariableInAManifestNamesTheFieldAndTheVariable() throws Exception {
    assertEquals(
        List.of("spec.scenarios[0].steps[2].request.headers.Authorization: unknown variable 'tokn' (known: token, uuid,"
            + " randomInt(min,max), workerIndex, journey)"),
        problems(JOURNEYS.replace("${token}", "${tokn}") + STAGES));
  }

  @Test
  void aThresholdOnAScenarioNamesOneOfTheSpecsScenariosAndNoRequest() throws Exception {
    assertEquals(List.of(), problems(JOURNEYS + STAGES + "thresholds: [{metric: p99, max: 5s, scenario: checkout}]\n"));
    assertEquals(List.of("spec.thresholds[0].scenario: no scenario named 'checkot' in spec.scenarios (did you mean"
            + " checkout?)"),
        problems(JOURNEYS + STAGES + "thresholds: [{metric: p99, max: 5s, scenario: checkot}]\n"));
    assertEquals(List.of("spec.thresholds[0].scenario: not with request: a threshold judges one request's requests"
            + " or one scenario's journeys"),
        problems(JOURNEYS + STAGES + "thresholds: [{metric: p99, max: 5s, scenario: checkout, request: cart}]\n"));
    assertEquals(List.of("spec.thresholds[0].scenario: needs spec.scenarios: this spec sends independent requests"),
        problems(PLAN + STAGES + "thresholds: [{metric: errorRate, max: 1%, scenario: checkout}]\n"));
  }

  @Test
  void aCapacitySloOnAScenarioNamesOneOfTheSpecsScenarios() throws Exception {
    String search = "capacity: {slo: {scenarios: {%s: {p99: 5s, errorRate: 1%%}}, requests: {cart: {p95: 1s}}},"
        + " startRate: 10, maxRate: 200, stepDuration: 30s}\n";
    assertEquals(List.of(), problems(JOURNEYS + search.formatted("checkout")));
    assertEquals(List.of("spec.capacity.slo.scenarios.checkot: no scenario named 'checkot' in spec.scenarios (did you"
            + " mean checkout?)"),
        problems(JOURNEYS + search.formatted("checkot")));
    assertEquals(List.of("spec.capacity.slo.scenarios: needs spec.scenarios: this spec sends independent requests"),
        problems(PLAN + "capacity: {slo: {scenarios: {checkout: {p99: 5s}}}, startRate: 10, maxRate: 20}\n"));
    assertEquals(List.of("spec.capacity.slo.scenarios: must map scenario names to their limits, e.g. {checkout: {p95:"
            + " 3s, errorRate: 1%}}"),
        problems(JOURNEYS + "capacity: {slo: {scenarios: 5s}, startRate: 10, maxRate: 200, stepDuration: 30s}\n"));
  }

  @Test
  void requestsAndScenariosAreExclusive() throws Exception {
    assertEquals(
        List.of("spec.scenarios: not allowed with requests: list independent requests or scenarios (journeys), not both"),
        problems(JOURNEYS + "requests: [{name: browse}]\n" + STAGES));
  }

  @Test
  void theReadmesJourneyIsValid() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
    int start = readme.indexOf("spec:\n  scenarios:");
    String yaml = readme.substring(start + "spec:\n".length(), readme.indexOf("```", start))
        .lines().map(l -> l.substring(2)).collect(java.util.stream.Collectors.joining("\n"));
    assertEquals(List.of(), problems("target: {url: \"http://127.0.0.1:8080\"}\n" + yaml + "\n" + STAGES));
  }
}
