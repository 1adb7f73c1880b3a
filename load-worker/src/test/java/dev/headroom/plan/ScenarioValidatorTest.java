package dev.headroom.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioValidatorTest {

  private static final Target TARGET = new Target("http://127.0.0.1:8080", null, null, null, null, null, null);
  private static final Load OPEN = new Load(null, null, List.of(new Stage("30s", 10.0, null, null, null)));

  private static StepRequest request(String name, String path, Map<String, String> headers, String body,
      Capture... captures) {
    return new StepRequest(name, "POST", path, headers, body, null, captures.length == 0 ? null : List.of(captures));
  }

  private static Step step(StepRequest r) {
    return Step.of(r);
  }

  private static Map<String, String> header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(name, value);
    return h;
  }

  private static List<String> problems(Scenario... scenarios) {
    return PlanValidator.validate(Plan.ofScenarios(TARGET, Arrays.asList(scenarios), OPEN), "spec")
        .stream().map(Problem::toString).toList();
  }

  private static List<String> problems(Step... steps) {
    return problems(new Scenario("checkout", 1, Arrays.asList(steps)));
  }

  private static final Step LOGIN =
      step(request("login", "/login", null, "{\"user\":\"u-${workerIndex}-${journey}\"}", Capture.json("token", "$.token")));

  @Test
  void loginThenUseWithEveryKindOfStepCaptureAndBuiltInHasNoOtherProblem() {
    List<Problem> all = PlanValidator.validate(Plan.ofScenarios(TARGET, List.of(
        new Scenario("checkout", 3, List.of(
            LOGIN,
            Step.of(Think.uniform("500ms", "2s")),
            step(request("cart", "/cart/${uuid}?n=${randomInt(1,100)}", header("Authorization", "Bearer ${token}"), null,
                Capture.header("etag", "ETag"), Capture.regex("id", "\"id\":\"([^\"]+)\"").withDefault("none"))),
            Step.of(Think.fixed("1s")),
            Step.of(Think.exponential("1s", "100ms", "10s")),
            step(request("pay", "/pay/${id}", header("If-Match", "${etag}"), "{\"t\":\"${token}\"}")))),
        new Scenario("browse", 1, List.of(step(request("home", "/", null, null))))), OPEN), "spec");

    assertEquals(List.of(), all.stream().map(Problem::toString).toList());
  }

  @Test
  void journeysOverHttp2OrWithTraceContextAreRefusedNamingTheField() {
    Target h2 = new Target("http://127.0.0.1:8080", null, null, null, new Http(HttpVersion.HTTP_2, null), null, null);
    assertEquals(List.of("spec.target.http.version: journeys (spec.scenarios) run on HTTP/1.1 only in this version of"
            + " Headroom; remove version or set HTTP/1.1"),
        PlanValidator.validate(Plan.ofScenarios(h2, List.of(new Scenario("s", 1, List.of(LOGIN))), OPEN), "spec")
            .stream().map(Problem::toString).toList());
    Target traced = new Target("http://127.0.0.1:8080", null, null, null, null, null, new Tracing("1%", null));
    assertEquals(List.of("spec.target.tracing: not with spec.scenarios yet: journey steps carry no trace context in"
            + " this version of Headroom"),
        PlanValidator.validate(Plan.ofScenarios(traced, List.of(new Scenario("s", 1, List.of(LOGIN))), OPEN), "spec")
            .stream().map(Problem::toString).toList());
  }

  @Test
  void anUnknownVariableNamesTheFieldAndWhatIsKnown() {
    assertEquals(
        List.of("spec.scenarios[0].steps[1].request.headers.Authorization: unknown variable 'tokn' (known: token,"
            + " uuid, randomInt(min,max), workerIndex, journey)"),
        problems(LOGIN, step(request("cart", "/cart", header("Authorization", "Bearer ${tokn}"), null))));
    assertEquals(
        List.of("spec.scenarios[0].steps[0].request.path: unknown variable 'id' (known: uuid, randomInt(min,max),"
            + " workerIndex, journey)"),
        problems(step(request("cart", "/cart/${id}", null, null))));
  }

  @Test
  void aVariableUsedBeforeItsCaptureSaysWhereItIsCaptured() {
    assertEquals(
        List.of("spec.scenarios[0].steps[0].request.body: variable 'token' is captured only later, by"
            + " spec.scenarios[0].steps[1].request.capture[0].var; a step can use only what earlier steps captured"),
        problems(step(request("cart", "/cart", null, "${token}")), LOGIN));
    assertEquals(
        List.of("spec.scenarios[0].steps[0].request.path: variable 'token' is captured only later, by"
            + " spec.scenarios[0].steps[0].request.capture[0].var; a step can use only what earlier steps captured"),
        problems(step(request("login", "/x/${token}", null, null, Capture.json("token", "$.token")))),
        "a step's own capture is not there when it is sent");
  }

  @Test
  void variablesAreNotSharedBetweenScenarios() {
    assertEquals(
        List.of("spec.scenarios[1].steps[0].request.path: unknown variable 'token' (known: uuid, randomInt(min,max),"
            + " workerIndex, journey)"),
        problems(new Scenario("a", 1, List.of(LOGIN)), new Scenario("b", 1, List.of(step(request("b", "/${token}", null, null))))));
  }

  @Test
  void malformedPlaceholdersAreRefusedAtTheirField() {
    assertEquals(List.of("spec.scenarios[0].steps[0].request.body: '${' at character 2 is not closed by '}'"),
        problems(step(request("a", "/", null, "x ${token"))));
    assertEquals(List.of("spec.scenarios[0].steps[0].request.body: '${randomInt(5)}' must be written randomInt(min,max)"
            + " with whole numbers"),
        problems(step(request("a", "/", null, "${randomInt(5)}"))));
    assertEquals(List.of("spec.scenarios[0].steps[0].request.body: '${randomInt(9,1)}' has min above max"),
        problems(step(request("a", "/", null, "${randomInt(9,1)}"))));
    assertEquals(List.of("spec.scenarios[0].steps[0].request.headers.X-A: '${1st}' is not a variable name (letters,"
            + " digits and _, not starting with a digit), nor one of uuid, randomInt(min,max), workerIndex, journey"),
        problems(step(request("a", "/", header("X-A", "${1st}"), null))));
    assertEquals(List.of("spec.scenarios[0].steps[0].request.body: unknown data set 'users' in '${users.name}'"
            + " (spec.data declares none)"),
        problems(step(request("a", "/", null, "${users.name}"))));
    assertEquals(List.of(), problems(step(request("a", "/", null, "$${literal} and $5"))), "$${ escapes a placeholder");
  }

  @Test
  void aCaptureNeedsExactlyOneSourceAndAUsableVariableName() {
    assertEquals(
        List.of("spec.scenarios[0].steps[0].request.capture[0]: needs a source: one of json (a JSON path such as"
            + " $.token), header or regex"),
        problems(step(request("a", "/", null, null, new Capture("token", null, null, null, null)))));
    assertEquals(
        List.of("spec.scenarios[0].steps[0].request.capture[0]: takes its value from one source: set only one of json,"
            + " header or regex"),
        problems(step(request("a", "/", null, null, new Capture("token", "$.t", "X-T", null, null)))));
    assertEquals(List.of("spec.scenarios[0].steps[0].request.capture[0].var: required"),
        problems(step(request("a", "/", null, null, Capture.json(null, "$.t")))));
    assertEquals(List.of("spec.scenarios[0].steps[0].request.capture[0].var: 'uuid' is a built-in placeholder;"
            + " choose another name"),
        problems(step(request("a", "/", null, null, Capture.json("uuid", "$.t")))));
    assertEquals(List.of("spec.scenarios[0].steps[0].request.capture[0].var: 'my-token' is not a variable name"
            + " (letters, digits and _, not starting with a digit)"),
        problems(step(request("a", "/", null, null, Capture.json("my-token", "$.t")))));
  }

  @Test
  void captureSourcesAreCheckedAsTheWorkerWillCompileThem() {
    assertEquals(List.of(), problems(step(request("a", "/", null, null,
        Capture.json("a", "$.items[0].id"), Capture.json("b", "/items/0/id"), Capture.json("c", "$['odd key'].v")))));
    assertEquals(List.of("spec.scenarios[0].steps[0].request.capture[0].json: 'token' is neither a JSON path"
            + " ($.token, $.items[0].id) nor a JSON pointer (/token)"),
        problems(step(request("a", "/", null, null, Capture.json("t", "token")))));
    assertEquals(List.of("spec.scenarios[0].steps[0].request.capture[0].json: '$..token' is not a JSON path Headroom"
            + " reads: at character 1 expected .name, ['name'] or [index] (no wildcards, filters or ..)"),
        problems(step(request("a", "/", null, null, Capture.json("t", "$..token")))));
    assertEquals(List.of("spec.scenarios[0].steps[0].request.capture[0].json: '$' names the whole body; name a field,"
            + " such as $.token"),
        problems(step(request("a", "/", null, null, Capture.json("t", "$")))));
    assertEquals(List.of("spec.scenarios[0].steps[0].request.capture[0].header: 'Set Cookie' is not a valid header"
            + " name (use letters, digits and !#$%&'*+-.^_`|~)"),
        problems(step(request("a", "/", null, null, Capture.header("t", "Set Cookie")))));
    assertEquals(List.of("spec.scenarios[0].steps[0].request.capture[0].regex: 'id=(' is not a regular expression:"
            + " Unclosed group"),
        problems(step(request("a", "/", null, null, Capture.regex("t", "id=(")))));
    assertEquals(List.of("spec.scenarios[0].steps[0].request.capture[0].default: must not contain line breaks or"
            + " other control characters"),
        problems(step(request("a", "/", null, null, Capture.json("t", "$.t").withDefault("a\r\nX-Evil: 1")))));
  }

  @Test
  void aThinkTimeThatIsNotADurationIsRefusedAtItsField() {
    assertEquals(List.of("spec.scenarios[0].steps[1].think.duration: 'soon' is not a duration (use a number and a"
            + " unit: ns, us, ms, s, m, h; e.g. 250ms, 30s, 2m)"),
        problems(LOGIN, Step.of(Think.fixed("soon"))));
    assertEquals(List.of("spec.scenarios[0].steps[1].think.max: '2' is not a duration (use a number and a unit: ns,"
            + " us, ms, s, m, h; e.g. 250ms, 30s, 2m)"),
        problems(LOGIN, Step.of(Think.uniform("1s", "2"))));
  }

  @Test
  void thinkTimesNeedAConsistentShape() {
    String at = "spec.scenarios[0].steps[1].think";
    assertEquals(List.of(at + ": required: duration (a fixed pause), min and max (uniform) or mean (distribution:"
            + " Exponential)"), problems(LOGIN, Step.of(new Think(null, null, null, null, null))));
    assertEquals(List.of(at + ".max: must be >= min (2s)"), problems(LOGIN, Step.of(Think.uniform("2s", "1s"))));
    assertEquals(List.of(at + ".max: required for a uniform pause (with min)"),
        problems(LOGIN, Step.of(Think.uniform("2s", null))));
    assertEquals(List.of(at + ".min: not allowed with duration (a fixed pause); for a varying one set min and max,"
            + " or mean"), problems(LOGIN, Step.of(new Think("1s", "1s", null, null, null))));
    assertEquals(List.of(at + ".mean: not allowed with a uniform pause; set distribution: Exponential to use it"),
        problems(LOGIN, Step.of(new Think(null, "1s", "2s", "1s", null))));
    assertEquals(List.of(at + ".mean: required"), problems(LOGIN, Step.of(Think.exponential(null, null, "1s"))));
    assertEquals(List.of(at + ".mean: must be <= max (1s)"), problems(LOGIN, Step.of(Think.exponential("2s", null, "1s"))));
    assertEquals(List.of(), problems(LOGIN, Step.of(Think.exponential("2s", null, null))), "bounds are optional");
  }

  @Test
  void stepsAreARequestOrAThinkAndAJourneyHoldsARequest() {
    String at = "spec.scenarios[0].steps";
    assertEquals(List.of(at + "[1]: required: a request or a think"), problems(LOGIN, new Step(null, null)));
    assertEquals(List.of(at + "[1]: is either a request or a think, not both: make them two steps"),
        problems(LOGIN, new Step(request("b", "/", null, null), Think.fixed("1s"))));
    assertEquals(List.of(at + ": must hold at least one request step"), problems(Step.of(Think.fixed("1s"))));
    assertEquals(List.of(at + ": must list at least one step"), problems(new Scenario("a", 1, List.of())));
    assertEquals(List.of(at + "[0].request.method: must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got"
            + " 'FETCH'"),
        problems(step(new StepRequest("a", "FETCH", "/", null, null, null, null))), "the mix's request rules apply");
  }

  @Test
  void namesAreValidAndUniqueAndWeightsAddUp() {
    assertEquals(List.of("spec.scenarios[1].name: 'a' is already the name of spec.scenarios[0]"),
        problems(new Scenario("a", 1, List.of(LOGIN)), new Scenario("a", 1, List.of(step(request("b", "/", null, null))))));
    assertEquals(List.of("spec.scenarios[1].steps[0].request.name: 'login' is already the name of"
            + " spec.scenarios[0].steps[0].request (step requests key their results by name, so names are unique"
            + " across scenarios)"),
        problems(new Scenario("a", 1, List.of(LOGIN)), new Scenario("b", 1, List.of(LOGIN))));
    assertEquals(List.of("spec.scenarios[0].name: 'Check Out' is not a valid scenario name (lower-case letters, digits,"
            + " '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters)"),
        problems(new Scenario("Check Out", 1, List.of(LOGIN))));
    assertEquals(List.of("spec.scenarios: total weight must be > 0 (give at least one scenario a weight above 0)"),
        problems(new Scenario("a", 0, List.of(LOGIN))));
    assertEquals(List.of("spec.scenarios[0].weight: must be >= 0"), problems(new Scenario("a", -1, List.of(LOGIN))));
  }

  @Test
  void requestsAndScenariosAreExclusiveAndOneIsRequired() {
    RequestSpec browse = new RequestSpec("browse", null, null, null, null, null, null);
    assertEquals(List.of("spec.scenarios: not allowed with requests: list independent requests or scenarios"
            + " (journeys), not both"),
        PlanValidator.validate(new Plan(TARGET, List.of(browse), List.of(new Scenario("a", 1, List.of(LOGIN))), OPEN), "spec")
            .stream().map(Problem::toString).toList());
    assertEquals(List.of("spec.requests: required: list requests, or scenarios for journeys"),
        PlanValidator.validate(new Plan(TARGET, null, null, OPEN), "spec").stream().map(Problem::toString).toList());
    assertEquals(List.of("spec.scenarios: must list at least one scenario"), problems(new Scenario[0]));
  }
}
