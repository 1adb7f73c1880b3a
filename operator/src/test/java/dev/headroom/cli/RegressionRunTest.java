package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom run --baseline}, with real runs against demo targets on loopback whose service
 * time is set: ten runs of an unchanged target, each compared with the one before, raise no
 * alarm; the same test against a target half again as slow is flagged.
 */
class RegressionRunTest {

  /**
   * Long enough that the machine's own noise (a busy core adds milliseconds to a p99) stays well
   * under the default 10% limit: the test's confidence speaks of intervals within a run, and
   * differences of the machine between runs are what the limit is for.
   */
  private static final Duration SERVICE_TIME = Duration.ofMillis(100);

  @TempDir Path dir;
  private final LoopbackTargets targets = new LoopbackTargets();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void tearDown() {
    targets.close();
  }

  private String target(Duration serviceTime) {
    return targets.start(64, serviceTime);
  }

  /**
   * Eight measured seconds: eight one-second intervals, so that one hiccup of the machine in either
   * run cannot hide a real change from the rank test (five is the least it can work with at all).
   */
  private Path manifest(String url) throws Exception {
    return Files.writeString(dir.resolve("lt.yaml"), """
        apiVersion: headroom.dev/v1alpha1
        kind: LoadTest
        metadata: {name: nightly}
        spec:
          target: {url: "%s", timeout: 2s, http: {connections: 16}}
          requests: [{name: browse, path: /}]
          load: {warmup: 1s, stages: [{duration: 8s, rate: 40}]}
        """.formatted(url));
  }

  private record Run(int exit, JsonNode status, String out, String err) {}

  private Run run(Path manifest, Path save, Path baseline) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", manifest.toString(), "--quiet", "--json", save.toString()));
    if (baseline != null) {
      args.addAll(List.of("--baseline", baseline.toString()));
    }
    CommandRun r = CommandRun.of(args.toArray(String[]::new));
    return new Run(r.exitCode(), Files.exists(save) ? json.readTree(save.toFile()) : null, r.out(), r.err());
  }

  @Test
  void unchangedRunsRaiseNoAlarmAndASlowerTargetIsFlagged() throws Exception {
    Path manifest = manifest(target(SERVICE_TIME));
    Path previous = dir.resolve("run1.json");
    Run first = run(manifest, previous, null);
    assertEquals(0, first.exit(), first.err());
    assertFalse(first.status().at("/results/intervalLog").asText().isEmpty(), "the saved status carries its log");
    for (int i = 2; i <= 10; i++) {
      Path save = dir.resolve("run" + i + ".json");
      Run r = run(manifest, save, previous);
      JsonNode p99 = r.status().at("/regression/checks/0");
      assertEquals("p99", p99.get("metric").asText(), r.status().toString());
      assertTrue(p99.get("confidence").asText().contains("Mann-Whitney U"), "tested, not skipped: " + p99);
      assertFalse(r.status().at("/regression/regressed").asBoolean(), "false alarm on run " + i + ": " + r.out());
      assertEquals(0, r.exit(), "run " + i + ": " + r.out() + r.err());
      assertTrue(r.out().contains("no regression against baseline run" + (i - 1) + ".json"), r.out());
      previous = save;
    }

    Run slower = run(manifest(target(SERVICE_TIME.multipliedBy(3).dividedBy(2))), dir.resolve("slow.json"), previous);
    assertEquals(1, slower.exit(), "verdict Fail: " + slower.out() + slower.err());
    JsonNode status = slower.status();
    assertEquals("Fail", status.get("verdict").asText());
    assertTrue(status.at("/regression/regressed").asBoolean());
    String message = status.get("message").asText();
    assertTrue(message.contains("regressed against baseline run10.json: p99 1"), message);
    assertTrue(message.contains("limit +10%, confidence 99.") || message.contains("limit +10%, confidence >99"),
        message);
    JsonNode regressed = null;
    for (JsonNode c : status.get("conditions")) {
      regressed = c.get("type").asText().equals("Regressed") ? c : regressed;
    }
    assertEquals("True", regressed == null ? null : regressed.get("status").asText(), status.get("conditions").toString());
  }

  @Test
  void aBaselineThatCannotServeIsAUsageErrorBeforeAnythingRuns() throws Exception {
    Path manifest = manifest("http://127.0.0.1:9");
    Path notStatus = Files.writeString(dir.resolve("old.json"), "{\"phase\": \"Succeeded\", \"summary\": {\"requests\": 5}}");
    Run r = run(manifest, dir.resolve("out.json"), notStatus);
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--baseline: " + notStatus + " has no results.intervalLog"), r.err());
    assertFalse(Files.exists(dir.resolve("out.json")), "nothing ran");

    Run missing = run(manifest, dir.resolve("out.json"), dir.resolve("nope.json"));
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("nope.json: no such file"), missing.err());
    assertEquals(1, missing.err().lines().count(), "one line, no stack trace: " + missing.err());
  }
}
