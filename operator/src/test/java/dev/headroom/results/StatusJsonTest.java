package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.headroom.api.v1alpha1.CapacityResult;
import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.Progress;
import dev.headroom.api.v1alpha1.ResultsRef;
import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.api.v1alpha1.ThresholdResult;
import dev.headroom.api.v1alpha1.WorkerCounts;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status a run writes round-trips through Jackson in the shape DESIGN.md gives. */
class StatusJsonTest {

  private final ObjectMapper json = new ObjectMapper();

  private LoadTestStatus finished() {
    SyntheticRun run = new SyntheticRun(9, 2, 2, List.of(5, 5), 200);
    RunResults results =
        run.feed(new RunResults(
            List.of(new PlannedStage(5_000_000_000L, 300.0), new PlannedStage(5_000_000_000L, 400.0)),
            SyntheticRun.NAMES));
    LoadTestStatus status = new LoadTestStatus();
    status.setPhase(LoadTestPhase.Succeeded);
    status.setObservedGeneration(3L);
    status.setRun(2);
    status.setStartTime("2026-01-02T03:04:05Z");
    status.setCompletionTime("2026-01-02T03:04:20Z");
    status.setWorkers(new WorkerCounts(2, 2, 0));
    status.setConditions(
        List.of(new ConditionBuilder().withType("ThresholdsMet").withStatus("True").withReason("AllMet")
            .withObservedGeneration(3L).withLastTransitionTime("2026-01-02T03:04:20Z").build()));
    status.setProgress(results.progress().orElseThrow());
    results.report(List.of(new Threshold("p99", null, "5s", null))).applyTo(status);
    status.setCapacity(new CapacityResult(3400.0, 3600.0, "p99", "4.25x",
        List.of(new CapacityStep(0, 100.0, 100.0, 3000L, "0%", "4ms", "9ms",
            List.of(new ThresholdResult("p99", null, "500ms", "9ms", true)), true, null, null))));
    status.setResults(ResultsRef.inConfigMap("checkout-run2-results", null));
    return status;
  }

  @Test
  void roundTripsThroughJsonAndYaml() throws Exception {
    LoadTestStatus status = finished();

    assertEquals(status, json.readValue(json.writeValueAsString(status), LoadTestStatus.class));
    YAMLMapper yaml = new YAMLMapper();
    assertEquals(status, yaml.readValue(yaml.writeValueAsString(status), LoadTestStatus.class));
  }

  @Test
  void writesTheFieldsOfTheDesignInItsOrder() {
    JsonNode node = json.valueToTree(finished());

    assertEquals(
        List.of("phase", "verdict", "message", "observedGeneration", "run", "startTime", "completionTime",
            "workers", "conditions", "progress", "summary", "stages", "requests", "thresholds", "capacity",
            "results"),
        iterable(node.fieldNames()));
    assertEquals(
        List.of("requests", "errors", "errorRate", "rps", "targetRps", "latency", "errorsByKind"),
        iterable(node.get("summary").fieldNames()));
    assertEquals(
        List.of("min", "mean", "p50", "p90", "p95", "p99", "p999", "max"),
        iterable(node.get("summary").get("latency").fieldNames()));
    assertEquals(
        List.of("index", "targetRps", "rps", "requests", "errors", "latency"),
        iterable(node.get("stages").get(0).fieldNames()));
    assertEquals(List.of("metric", "limit", "actual", "passed"), iterable(node.get("thresholds").get(0).fieldNames()));
    assertTrue(node.get("summary").get("errorRate").asText().endsWith("%"));
    assertTrue(node.get("summary").get("rps").isNumber());
  }

  @Test
  void leavesOutWhatIsNotKnownYet() throws Exception {
    LoadTestStatus status = new LoadTestStatus();
    status.setPhase(LoadTestPhase.Running);
    status.setProgress(new Progress("45s", 998.0, null, 0L));

    assertEquals(
        "{\"phase\":\"Running\",\"progress\":{\"elapsed\":\"45s\",\"rps\":998.0,\"errors\":0}}",
        json.writeValueAsString(status));
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> out = new java.util.ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }
}
