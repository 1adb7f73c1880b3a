package dev.headroom.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.headroom.api.v1alpha1.LoadTestScheduleSpec;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.Regression;
import dev.headroom.plan.Load;
import dev.headroom.plan.Plan;
import dev.headroom.plan.PlanValidator;
import dev.headroom.plan.Problem;
import dev.headroom.plan.RequestSpec;
import dev.headroom.plan.SecretHeader;
import dev.headroom.plan.Stage;
import dev.headroom.plan.Target;
import dev.headroom.results.Metric;
import dev.headroom.validation.LoadTestValidator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated schema checks the same limits as the validator, and its patterns never refuse a
 * value the validator accepts (the validator is the authority; the schema may only be looser).
 * Each pattern is read from the generated CRD, so this also proves it sits on the right field.
 */
class CrdSchemaTest {

  private static JsonNode spec;
  private static JsonNode scheduleCrd;

  @BeforeAll
  static void readGeneratedSchema() throws IOException {
    JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(RepoFiles.generatedCrd());
    spec = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
    scheduleCrd = new ObjectMapper(new YAMLFactory()).readTree(RepoFiles.generatedCrd(RepoFiles.SCHEDULE_CRD_FILE));
  }

  /** The schema of a field below {@code spec}, such as {@code load.stages[].duration}. */
  private static JsonNode field(String path) {
    return field(spec, path);
  }

  /** The schema of a field below a LoadTestSchedule's {@code spec}. */
  private static JsonNode scheduleField(String path) {
    return field(scheduleCrd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec"), path);
  }

  private static JsonNode field(JsonNode spec, String path) {
    JsonNode node = spec;
    for (String step : path.split("\\.")) {
      boolean list = step.endsWith("[]");
      node = node.path("properties").path(list ? step.substring(0, step.length() - 2) : step);
      if (list) {
        node = node.path("items");
      }
    }
    assertFalse(node.isMissingNode(), "no schema for spec." + path);
    return node;
  }

  private static Pattern pattern(String path) {
    return pattern(field(path), path);
  }

  private static Pattern pattern(JsonNode field, String path) {
    JsonNode p = field.path("pattern");
    assertTrue(p.isTextual(), "spec." + path + " has a pattern");
    return Pattern.compile(p.asText());
  }

  /**
   * For each value: when the validator takes it in {@code field}, the pattern matches it; each value
   * in {@code refused} is refused by both.
   */
  private static void agrees(String path, Function<String, Plan> plan, String problemPath, List<String> values,
      List<String> refused) {
    Pattern pattern = pattern(path);
    for (String value : values) {
      boolean validatorAccepts = PlanValidator.validate(plan.apply(value), "").stream()
          .map(Problem::path)
          .noneMatch(problemPath::equals);
      if (validatorAccepts) {
        assertTrue(pattern.matcher(value).find(), "the schema refuses '" + value + "' that the validator accepts in " + path);
      }
    }
    for (String value : refused) {
      assertFalse(pattern.matcher(value).find(), "the schema accepts '" + value + "' in " + path);
      assertTrue(PlanValidator.validate(plan.apply(value), "").stream().anyMatch(p -> p.path().equals(problemPath)),
          "the validator accepts '" + value + "' in " + path);
    }
  }

  private static Plan plan(Target target, RequestSpec request, Stage stage) {
    return new Plan(target, List.of(request), new Load(null, null, List.of(stage)));
  }

  private static Target target(String url, String timeout, List<SecretHeader> secretHeaders) {
    return new Target(url, null, secretHeaders, timeout, null, null, null);
  }

  private static final Target TARGET = target("http://127.0.0.1:8080", null, null);
  private static final RequestSpec REQUEST = new RequestSpec("home", null, null, null, null, null, null);
  private static final Stage STAGE = new Stage("10s", 10.0, null, null, null);

  private static final List<String> DURATIONS = List.of(
      "0", "0s", "250ms", "1.5s", "2m30s", "1h30m", ".5s", "1.s", "10us", "10µs", "3ns", "00s",
      "", "5", "1d", "-1s", "+1s", "1 s", "s", "1.5", "1m-1s", "ms", "1sm", "1..5s", "PT5S");

  @Test
  void durationPatternsTakeWhatTheValidatorTakes() {
    agrees("load.stages[].duration", d -> plan(TARGET, REQUEST, new Stage(d, 10.0, null, null, null)),
        "load.stages[0].duration", DURATIONS, List.of("", "5", "1d", "-1s", "1 s", "PT5S"));
    agrees("target.timeout", t -> plan(target("http://h", t, null), REQUEST, STAGE),
        "target.timeout", DURATIONS, List.of("5", "1d", "-1s"));
  }

  @Test
  void urlPatternTakesWhatTheValidatorTakes() {
    agrees("target.url", u -> plan(target(u, null, null), REQUEST, STAGE), "target.url",
        List.of("http://h", "https://h:8443/a/b/", "http://[::1]:8080", "http://user@h/p", "http://127.0.0.2",
            "HTTP://h", "ftp://h", "http://h?q=1", "http://h/#f", "h:8080", "http:///p", "http://"),
        List.of("ftp://h", "http://h?q=1", "http://h/#f", "h:8080", "http:///p"));
  }

  @Test
  void requestPatternsTakeWhatTheValidatorTakes() {
    agrees("requests[].name", n -> plan(TARGET, new RequestSpec(n, null, null, null, null, null, null), STAGE),
        "requests[0].name",
        List.of("a", "browse", "get-v2", "a_b.c", "0", "A", "-a", "a-", "a b", "ä", "a".repeat(63)),
        List.of("A", "-a", "a-", "a b", "ä"));
    agrees("requests[].method", m -> plan(TARGET, new RequestSpec("a", m, null, null, null, null, null), STAGE),
        "requests[0].method", List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get", "CONNECT", " GET"),
        List.of("get", "CONNECT", " GET"));
    agrees("requests[].path", p -> plan(TARGET, new RequestSpec("a", null, p, null, null, null, null), STAGE),
        "requests[0].path",
        List.of("/", "/products?page=2&x=%20", "/a/b;c", "/ü", "x", "/a b", "/a#b", "/a\tb", "/a\u007f", ""),
        List.of("x", "/a b", "/a#b", "/a\tb", "/a\u007f", ""));
  }

  @Test
  void secretHeaderNamePatternTakesWhatTheValidatorTakes() {
    Function<String, Plan> withHeader = n -> plan(
        target("http://h", null, List.of(new SecretHeader(n, new SecretHeader.SecretKeyRef("s", "k")))), REQUEST, STAGE);
    agrees("target.secretHeaders[].name", withHeader, "target.secretHeaders[0].name",
        List.of("Authorization", "X-Api-Key", "x!#$%&'*+.^_`|~1", "a b", "a:b", "é", ""),
        List.of("a b", "a:b", "é"));
  }

  @Test
  void thresholdMetricsAreExactlyTheMetrics() {
    Pattern metric = pattern("thresholds[].metric");
    for (Metric m : Metric.values()) {
      assertTrue(metric.matcher(m.key()).find(), m.key());
    }
    for (String notOne : List.of("p98", "P99", "errorrate", "rps ", "latency")) {
      assertFalse(metric.matcher(notOne).find(), notOne);
    }
  }

  @Test
  void rangesAreTheValidatorsLimits() {
    assertEquals(1, field("workers.replicas").path("minimum").asInt());
    assertEquals(LoadTestValidator.MAX_REPLICAS, field("workers.replicas").path("maximum").asInt());
    assertEquals(PlanValidator.MAX_REQUESTS, field("requests").path("maxItems").asInt());
    assertEquals(PlanValidator.MAX_STAGES, field("load.stages").path("maxItems").asInt());
    assertEquals(LoadTestSpec.MAX_THRESHOLDS, field("thresholds").path("maxItems").asInt());
    assertEquals(1, field("target.http.connections").path("minimum").asInt());
    assertEquals(PlanValidator.MAX_CONNECTIONS, field("target.http.connections").path("maximum").asInt());
    assertEquals(PlanValidator.MAX_NAME_LENGTH, field("requests[].name").path("maxLength").asInt());
    assertEquals(0, field("requests[].weight").path("minimum").asInt());
    assertEquals(100, field("requests[].expectStatus").path("items").path("minimum").asInt());
    assertEquals(599, field("requests[].expectStatus").path("items").path("maximum").asInt());
    JsonNode rate = field("load.stages[].rate");
    assertEquals(0, rate.path("minimum").asInt());
    assertTrue(rate.path("exclusiveMinimum").asBoolean(), "rate > 0");
    assertEquals(1, field("load.stages[].users").path("minimum").asInt());
    assertEquals(0, field("ttlSecondsAfterFinished").path("minimum").asInt());
  }

  @Test
  void enumsAreTheApiNames() {
    assertEquals("[\"Closed\",\"Open\"]", field("load.model").path("enum").toString());
    assertEquals("[\"HTTP_1_1\",\"HTTP_2\"]", field("target.http.version").path("enum").toString());
    assertEquals("[\"Continue\",\"Fail\"]", field("workers.failurePolicy").path("enum").toString());
  }

  @Test
  void limitsThatMayBeNumbersOrStringsTakeAnyValue() {
    for (String path : List.of("thresholds[].max", "thresholds[].min", "capacity.precision")) {
      JsonNode schema = field(path);
      assertTrue(schema.path("type").isMissingNode(), path + " has no type");
      assertTrue(schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(), path);
    }
  }

  @Test
  void aSchedulesTemplateHoldsExactlyTheLoadTestSpecSchema() {
    JsonNode template = scheduleField("template.spec");
    assertEquals(spec.path("properties"), template.path("properties"));
    assertEquals(spec.path("required"), template.path("required"));
    assertEquals(spec.path("x-kubernetes-validations"), template.path("x-kubernetes-validations"));
  }

  @Test
  void scheduleRangesAndEnumsAreTheValidatorsAndTheApis() {
    JsonNode scheduleSpec = scheduleCrd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
    assertEquals("[\"schedule\",\"template\"]", scheduleSpec.path("required").toString());
    assertEquals("[\"spec\"]", scheduleField("template").path("required").toString());
    assertEquals(LoadTestScheduleSpec.MIN_STARTING_DEADLINE_SECONDS,
        scheduleField("startingDeadlineSeconds").path("minimum").asLong());
    for (String limit : List.of("successfulRunsHistoryLimit", "failedRunsHistoryLimit")) {
      assertEquals(0, scheduleField(limit).path("minimum").asInt(), limit);
      assertEquals(LoadTestScheduleSpec.MAX_KEPT_RUNS, scheduleField(limit).path("maximum").asInt(), limit);
    }
    assertEquals("[\"Forbid\",\"Replace\"]", scheduleField("concurrencyPolicy").path("enum").toString());
  }

  /** What README says {@code kubectl get lts} shows, in that order. */
  @Test
  void kubectlGetLtsShowsTheScheduleAndItsLastAndNextRun() {
    List<String> columns = new ArrayList<>();
    scheduleCrd.at("/spec/versions/0/additionalPrinterColumns").forEach(c -> columns.add(c.path("name").asText()));
    assertEquals(List.of("Schedule", "Suspend", "Last", "Next", "Last Verdict", "Age"), columns);
    assertEquals("lts", scheduleCrd.at("/spec/names/shortNames/0").asText());
  }

  /**
   * Regression limits and baselines, on a LoadTest and on a schedule: what the schema refuses, the
   * validator refuses too (it refuses more: 250% more errors, say), so headroom validate never
   * passes what kubectl apply will not.
   */
  @Test
  void regressionPatternsTakeWhatTheValidatorTakes() {
    List<String> percents = List.of("0%", "10%", "0.5%", ".5%", "99.9%", "250%", "10", "0.1", "-5%", "10 %", "%",
        "1e2%", "ten", "");
    List<String> baselines = List.of("Previous", "checkout-41", "a", "0", "Checkout", "previous-", "-a", "a_b", "a.b",
        "PREVIOUS", "");
    for (JsonNode regression : List.of(field("regression"), scheduleField("regression"))) {
      for (String limit : List.of("maxP50Increase", "maxP90Increase", "maxP99Increase", "maxErrorRateIncrease")) {
        regressionAgrees(regression.path("properties").path(limit), limit, percents, v -> limit(limit, v));
      }
      regressionAgrees(regression.path("properties").path("baseline"), "baseline", baselines,
          v -> new Regression(v, null, null, null, null, null));
    }
  }

  private static Regression limit(String field, String value) {
    return switch (field) {
      case "maxP50Increase" -> new Regression(null, value, null, null, null, null);
      case "maxP90Increase" -> new Regression(null, null, value, null, null, null);
      case "maxP99Increase" -> new Regression(null, null, null, value, null, null);
      default -> new Regression(null, null, null, null, value, null);
    };
  }

  private static void regressionAgrees(JsonNode schema, String field, List<String> values,
      Function<String, Regression> regression) {
    Pattern pattern = pattern(schema, "regression." + field);
    int refused = 0;
    for (String value : values) {
      LoadTestSpec fixedRun = new LoadTestSpec(TARGET, List.of(REQUEST), null, new Load(null, null, List.of(STAGE)),
          null, null, null, null, regression.apply(value));
      boolean validatorAccepts = LoadTestValidator.validate(fixedRun).stream()
          .noneMatch(p -> p.path().equals("spec.regression." + field));
      if (!pattern.matcher(value).find()) {
        refused++;
        assertFalse(validatorAccepts, "the validator accepts '" + value + "' that the schema refuses in " + field);
      }
    }
    assertTrue(refused >= 5, "the schema refuses only " + refused + " of " + values + " in " + field);
  }
}
