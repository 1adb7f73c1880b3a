package dev.headroom.plan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {

  private static final Target TARGET = target("http://127.0.0.1:8080/api");
  private static final RequestSpec BROWSE = new RequestSpec("browse", "GET", "/products", null, null, 9, List.of(200));
  private static final Load OPEN = new Load(null, "10s", List.of(openStage("30s", 100.0, 1000.0)));

  private static Target target(String url) {
    return new Target(url, null, null, null, null, null, null);
  }

  private static Stage openStage(String duration, Double rate, Double rampTo) {
    return new Stage(duration, rate, rampTo, null, null);
  }

  private static RequestSpec request(String name, String method, String path, Integer weight) {
    return new RequestSpec(name, method, path, null, null, weight, null);
  }

  private static List<String> problems(Plan plan) {
    return PlanValidator.validate(plan, "spec").stream().map(Problem::toString).toList();
  }

  private static List<String> problems(Target target) {
    return problems(new Plan(target, List.of(BROWSE), OPEN));
  }

  private static List<String> problems(RequestSpec... requests) {
    return problems(new Plan(TARGET, Arrays.asList(requests), OPEN));
  }

  private static List<String> problems(Load load) {
    return problems(new Plan(TARGET, List.of(BROWSE), load));
  }

  @Test
  void openPlanWithRampWarmupAndEveryTargetOptionHasNoProblemsAndCompiles() {
    Target full =
        new Target(
            "https://shop.example:8443/base",
            Map.of("Accept", "application/json"),
            List.of(new SecretHeader("Authorization", new SecretHeader.SecretKeyRef("token", "value"))),
            "2s",
            new Http(HttpVersion.HTTP_2, 64),
            new Tls(true), null);
    Plan plan =
        new Plan(
            full,
            List.of(BROWSE, new RequestSpec("order.v2", "POST", "/orders?x=1", Map.of("X-Trace", "a\tb"), "{}", 0, null)),
            new Load(LoadModel.Open, "0", List.of(openStage("30s", 100.0, 0.0), openStage("2m", 1000.0, null))));

    assertEquals(List.of(), PlanValidator.validate(plan, "spec"));
    assertDoesNotThrow(() -> ExecutionPlan.compile(plan, ref -> "secret"));
  }

  @Test
  void closedPlanWithThinkTimeHasNoProblems() {
    Load closed = new Load(LoadModel.Closed, null, List.of(new Stage("1m", null, null, 64, "100ms"), new Stage("1m", null, null, 1, null)));

    assertEquals(List.of(), problems(closed));
  }

  @Test
  void pathsHaveNoPrefixForAWorkersPlan() {
    Plan plan = new Plan(null, List.of(BROWSE), OPEN);

    assertEquals(List.of("target: required"), PlanValidator.validate(plan, "").stream().map(Problem::toString).toList());
    assertEquals(List.of("target: required"), PlanValidator.validate(plan, null).stream().map(Problem::toString).toList());
  }

  @Test
  void aPlanWithNothingInItReportsEachMissingPart() {
    assertEquals(
        List.of("spec.target: required", "spec.requests: required: list requests, or scenarios for journeys", "spec.load: required"),
        problems(new Plan(null, null, null)));
  }

  private static List<String> tracing(Map<String, String> headers, String sampling, String link) {
    return problems(new Target("http://127.0.0.1:8080", headers, null, null, null, null, new Tracing(sampling, link)));
  }

  @Test
  void tracingNeedsAShareAboveZeroAndALinkWithTheTraceIdsPlace() {
    assertEquals(List.of(), tracing(null, "1%", "https://jaeger.example/trace/{traceId}"));
    assertEquals(List.of(), tracing(null, "0.5", "https://grafana.example/explore?trace={traceId}&x=1"));
    assertEquals(List.of("spec.target.tracing.sampling: required"), tracing(null, null, null));
    assertEquals(List.of("spec.target.tracing.sampling: must be above 0 and at most 100%, got '0%'"), tracing(null, "0%", null));
    assertEquals(List.of("spec.target.tracing.sampling: must be above 0 and at most 100%, got '150%'"), tracing(null, "150%", null));
    assertEquals(
        List.of("spec.target.tracing.sampling: 'often' is not a percentage (write it like \"1%\" or as a fraction like 0.01)"),
        tracing(null, "often", null));
    assertEquals(
        List.of("spec.target.tracing.link: must be an http(s) URL with {traceId} where the trace id goes, got 'https://jaeger.example/'"),
        tracing(null, "1%", "https://jaeger.example/"));
    assertEquals(
        List.of("spec.target.tracing: target.headers already sets traceparent: remove one of the two"),
        tracing(Map.of("TraceParent", "00-x"), "1%", null));
  }

  @Test
  void urlsMustBeAbsoluteHttpWithAHostAndNoQuery() {
    assertEquals(List.of("spec.target.url: required"), problems(target(null)));
    assertEquals(List.of("spec.target.url: 'http://exa mple' is not a URL"), problems(target("http://exa mple")));
    assertEquals(List.of("spec.target.url: 'checkout:8080' must start with http:// or https://"), problems(target("checkout:8080")));
    assertEquals(List.of("spec.target.url: 'ftp://host' must start with http:// or https://"), problems(target("ftp://host")));
    assertEquals(List.of("spec.target.url: 'http:///path' has no host"), problems(target("http:///path")));
    assertEquals(
        List.of("spec.target.url: 'http://host/?q=1' must not have a query or fragment; put them in request paths"),
        problems(target("http://host/?q=1")));
  }

  @Test
  void framingHeadersAreLeftToTheTransport() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Length", "5");
    headers.put("transfer-encoding", "chunked");
    headers.put("Host", "virtual.example");
    Target t = new Target("http://host", headers, null, null, null, null, null);
    assertEquals(
        List.of(
            "spec.target.headers.Content-Length: is set by Headroom from the body; remove it",
            "spec.target.headers.transfer-encoding: is set by Headroom from the body; remove it"),
        problems(t));
  }

  @Test
  void headerNamesMustBeTokensAndValuesSingleLine() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Bad Header", "x");
    headers.put("X-Injected", "a\r\nHost: evil");
    headers.put("X-Empty", null);
    Target t = new Target("http://host", headers, List.of(new SecretHeader("Auth:", null)), null, null, null, null);

    assertEquals(
        List.of(
            "spec.target.headers: 'Bad Header' is not a valid header name (use letters, digits and !#$%&'*+-.^_`|~)",
            "spec.target.headers.X-Injected: must not contain line breaks or other control characters",
            "spec.target.headers.X-Empty: must have a value",
            "spec.target.secretHeaders[0].name: 'Auth:' is not a valid header name (use letters, digits and !#$%&'*+-.^_`|~)",
            "spec.target.secretHeaders[0].secretKeyRef: required"),
        problems(t));
  }

  @Test
  void secretKeyRefsNeedANameAndAKey() {
    Target t = new Target("http://host", null, List.of(new SecretHeader(null, new SecretHeader.SecretKeyRef(null, null))), null, null, null, null);

    assertEquals(
        List.of(
            "spec.target.secretHeaders[0].name: required",
            "spec.target.secretHeaders[0].secretKeyRef.name: required",
            "spec.target.secretHeaders[0].secretKeyRef.key: required"),
        problems(t));
  }

  @Test
  void timeoutMustBeAPositiveDurationAndConnectionsInRange() {
    assertEquals(
        List.of(
            "spec.target.timeout: 'soon' is not a duration (use a number and a unit: ns, us, ms, s, m, h; e.g. 250ms, 30s, 2m)",
            "spec.target.http.connections: must be between 1 and 10000"),
        problems(new Target("http://host", null, null, "soon", new Http(null, 0), null, null)));
    assertEquals(
        List.of("spec.target.timeout: must be > 0", "spec.target.http.connections: must be between 1 and 10000"),
        problems(new Target("http://host", null, null, "0s", new Http(null, 10_001), null, null)));
  }

  @Test
  void anEmptyRequestListIsReported() {
    assertEquals(List.of("spec.requests: must list at least one request"), problems(new RequestSpec[0]));
  }

  @Test
  void requestsAndStagesAreBoundedSoTheirResultsFitTheStatus() {
    RequestSpec[] many = new RequestSpec[PlanValidator.MAX_REQUESTS + 1];
    for (int i = 0; i < many.length; i++) {
      many[i] = new RequestSpec("r" + i, null, "/", null, null, null, null);
    }
    assertEquals(List.of("spec.requests: lists 101 requests; at most 100 (each has its own results in the status)"),
        problems(many));
    assertEquals(List.of(), problems(java.util.Arrays.copyOf(many, PlanValidator.MAX_REQUESTS)));
    List<Stage> stages = java.util.Collections.nCopies(PlanValidator.MAX_STAGES + 1, new Stage("1s", 1.0, null, null, null));
    assertEquals(List.of("spec.load.stages: lists 101 stages; at most 100 (each has its own results in the status)"),
        problems(new Load(null, null, stages)));
    assertEquals(List.of(), problems(new Load(null, null, stages.subList(0, PlanValidator.MAX_STAGES))));
  }

  @Test
  void requestNamesAreRequiredWellFormedAndUnique() {
    assertEquals(
        List.of(
            "spec.requests[0].name: required",
            "spec.requests[1].name: 'Browse' is not a valid request name (lower-case letters, digits, '-', '_' and '.', "
                + "starting and ending with a letter or digit, at most 63 characters)",
            "spec.requests[3].name: 'order' is already the name of spec.requests[2]"),
        problems(request(null, null, null, null), request("Browse", null, null, null), request("order", null, null, null), request("order", null, null, null)));
    assertEquals(1, problems(request("a".repeat(64), null, null, null)).size());
    assertEquals(List.of(), problems(request("a".repeat(63), null, null, null), request("x_1-y.z", null, null, null)));
  }

  @Test
  void methodsAreTheKnownUpperCaseOnes() {
    assertEquals(
        List.of("spec.requests[0].method: must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got 'get'"),
        problems(request("a", "get", null, null)));
  }

  @Test
  void pathsStartWithASlashAndHoldNoSpaces() {
    assertEquals(
        List.of(
            "spec.requests[0].path: must start with /",
            "spec.requests[1].path: must not contain spaces, control characters or '#' (percent-encode them, e.g. %20)"),
        problems(request("a", null, "products", null), request("b", null, "/a b", null)));
  }

  @Test
  void weightsAreNotNegativeAndMustAddUpToMoreThanZero() {
    assertEquals(List.of("spec.requests[0].weight: must be >= 0"), problems(request("a", null, null, -1)));
    assertEquals(
        List.of("spec.requests: total weight must be > 0 (give at least one request a weight above 0)"),
        problems(request("a", null, null, 0), request("b", null, null, 0)));
    assertEquals(
        List.of("spec.requests: total weight must be at most 100000 (weights are relative: 90 and 10 mix like 9 and 1)"),
        problems(request("a", null, null, Integer.MAX_VALUE), request("b", null, null, Integer.MAX_VALUE)));
  }

  @Test
  void aMissingRequestIsReportedOnceNotAlsoAsZeroWeight() {
    assertEquals(List.of("spec.requests[0]: required"), problems((RequestSpec) null));
  }

  @Test
  void expectedStatusesAreHttpStatusCodes() {
    RequestSpec r = new RequestSpec("a", null, null, null, null, null, Arrays.asList(200, 99, 600, null));

    assertEquals(
        List.of(
            "spec.requests[0].expectStatus[1]: must be an HTTP status code from 100 to 599",
            "spec.requests[0].expectStatus[2]: must be an HTTP status code from 100 to 599",
            "spec.requests[0].expectStatus[3]: must be an HTTP status code from 100 to 599"),
        problems(r));
  }

  @Test
  void stagesMustBeListed() {
    assertEquals(List.of("spec.load.stages: must list at least one stage"), problems(new Load(null, null, List.of())));
    assertEquals(List.of("spec.load.stages: must list at least one stage"), problems(new Load(null, null, null)));
  }

  @Test
  void openStagesNeedAPositiveRateAndADuration() {
    Load load =
        new Load(
            LoadModel.Open,
            "-1s",
            Arrays.asList(
                openStage(null, -5.0, -1.0),
                openStage("0s", 0.0, null),
                openStage("1m", null, null),
                openStage("1m", Double.NaN, Double.POSITIVE_INFINITY),
                null));

    assertEquals(
        List.of(
            "spec.load.warmup: '-1s' is not a duration (use a number and a unit: ns, us, ms, s, m, h; e.g. 250ms, 30s, 2m)",
            "spec.load.stages[0].duration: required",
            "spec.load.stages[0].rate: must be > 0",
            "spec.load.stages[0].rampTo: must be >= 0",
            "spec.load.stages[1].duration: must be > 0",
            "spec.load.stages[1].rate: must be > 0",
            "spec.load.stages[2].rate: required with the Open model",
            "spec.load.stages[3].rate: must be a finite number",
            "spec.load.stages[3].rampTo: must be a finite number",
            "spec.load.stages[4]: required"),
        problems(load));
  }

  @Test
  void unparseableAndAbsurdDurationsAreReported() {
    Load load = new Load(null, null, List.of(openStage("fast", 1.0, null), openStage("9999999h", 1.0, null), openStage("", 1.0, null)));

    assertEquals(
        List.of(
            "spec.load.stages[0].duration: 'fast' is not a duration (use a number and a unit: ns, us, ms, s, m, h; e.g. 250ms, 30s, 2m)",
            "spec.load.stages[1].duration: '9999999h' is too long",
            "spec.load.stages[2].duration: must be a duration like 250ms, 30s or 2m"),
        problems(load));
  }

  @Test
  void eachModelRejectsTheOtherModelsFields() {
    Load open = new Load(null, null, List.of(new Stage("1m", 10.0, null, 5, "1s")));
    Load closed = new Load(LoadModel.Closed, null, List.of(new Stage("1m", 10.0, 20.0, null, "x"), new Stage("1m", null, null, 0, null)));

    assertEquals(
        List.of(
            "spec.load.stages[0].users: not allowed with the Open model (users and thinkTime are for the Closed model)",
            "spec.load.stages[0].thinkTime: not allowed with the Open model (users and thinkTime are for the Closed model)"),
        problems(open));
    assertEquals(
        List.of(
            "spec.load.stages[0].rate: not allowed with the Closed model (rate and rampTo are for the Open model)",
            "spec.load.stages[0].rampTo: not allowed with the Closed model (rate and rampTo are for the Open model)",
            "spec.load.stages[0].users: required with the Closed model",
            "spec.load.stages[0].thinkTime: 'x' is not a duration (use a number and a unit: ns, us, ms, s, m, h; e.g. 250ms, 30s, 2m)",
            "spec.load.stages[1].users: must be >= 1"),
        problems(closed));
  }

  @Test
  void everyProblemIsReportedNotJustTheFirst() {
    Plan plan = new Plan(target("host:80"), List.of(request("a", "FETCH", null, null)), new Load(null, null, List.of(openStage("1m", -1.0, null))));

    assertEquals(
        List.of(
            "spec.target.url: 'host:80' must start with http:// or https://",
            "spec.requests[0].method: must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got 'FETCH'",
            "spec.load.stages[0].rate: must be > 0"),
        problems(plan));
  }

  @Test
  void withoutStagesTheLoadMayBeAbsentButTheRestIsChecked() {
    assertEquals(List.of(), PlanValidator.validateWithoutStages(new Plan(TARGET, List.of(BROWSE), null), "spec", DataColumns.UNKNOWN));
    assertEquals(
        List.of("spec.requests: must list at least one request", "spec.load.warmup: must be a duration like 250ms, 30s or 2m"),
        PlanValidator.validateWithoutStages(new Plan(TARGET, List.of(), new Load(null, " ", null)), "spec", DataColumns.UNKNOWN).stream().map(Problem::toString).toList());
  }
}
