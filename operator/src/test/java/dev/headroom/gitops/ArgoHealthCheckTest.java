package dev.headroom.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.crd.RepoFiles;
import dev.headroom.operator.Harness;
import dev.headroom.operator.LoadTests;
import dev.headroom.testing.DemoTargetExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Argo CD health check of {@code examples/gitops/loadtest-health.lua}, run by Lua 5.1 (what
 * Argo CD embeds) against LoadTests as the operator left them in real runs: not taken up yet,
 * running, passed, failed its thresholds, refused, and edited after a run.
 */
class ArgoHealthCheckTest {

  @RegisterExtension static final DemoTargetExtension TARGET = DemoTargetExtension.fast(100);

  private static final Duration T = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LoadTest run(String name, String thresholds) {
    return LoadTests.named(name, """
        target: {url: "%s"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 2s, rate: 20}]}
        workers: {replicas: 2}
        thresholds: [%s]
        """.formatted(TARGET.url(), thresholds));
  }

  @Test
  void aLoadTestIsProgressingWhileItRunsHealthyOnPassAndDegradedOnFail() throws Exception {
    try (Harness h = new Harness(TARGET.vertx(), run("passes", "{metric: p99, max: 5s}"))) {
      assertEquals("Progressing", health(h.loadTest()).get(0), "not taken up yet");
      h.untilPhase(LoadTestPhase.Running, T);
      assertEquals("Progressing", health(h.loadTest()).get(0));
      h.untilPhase(LoadTestPhase.Succeeded, T);
      List<String> passed = health(h.loadTest());
      assertEquals(List.of("Healthy", h.status().getMessage()), passed);

      h.editSpec(h.loadTest().getSpec());
      assertEquals("Progressing", health(h.loadTest()).get(0), "a sync that changed the spec: a new run is due");
    }
    try (Harness h = new Harness(TARGET.vertx(), run("fails", "{metric: rps, min: 100000}"))) {
      h.untilPhase(LoadTestPhase.Succeeded, T);
      assertEquals("Fail", h.status().getVerdict().name());
      assertEquals(List.of("Degraded", h.status().getMessage()), health(h.loadTest()));
    }
    try (Harness h = new Harness(TARGET.vertx(), run("refused", "{metric: p99, max: 5s}"),
        Map.of("HEADROOM_POLICY_MAX_WORKERS", "1"))) {
      h.untilPhase(LoadTestPhase.Failed, T);
      List<String> refused = health(h.loadTest());
      assertEquals("Degraded", refused.get(0));
      assertTrue(refused.get(1).contains("policy"), refused.get(1));
    }
  }

  /** Argo CD's verdict on {@code lt}: its status and message, as the Lua returned them. */
  private static List<String> health(LoadTest lt) throws IOException, InterruptedException {
    String check = Files.readString(RepoFiles.root().resolve("examples/gitops/loadtest-health.lua"));
    String script = "local obj = " + lua(JSON.valueToTree(lt)) + "\n"
        + "local function health(obj)\n" + check + "\nend\n"
        + "local hs = health(obj)\n"
        + "io.write(hs.status, \"\\n\", hs.message or \"\", \"\\n\")\n";
    Path file = Files.createTempFile("health-", ".lua");
    try {
      Files.writeString(file, script);
      Process lua;
      try {
        lua = new ProcessBuilder("lua5.1", file.toString()).redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new AssertionError("lua5.1 is not installed (apt-get install lua5.1; .ci/run does): the Argo CD"
            + " health check cannot be tested", e);
      }
      assertTrue(lua.waitFor(10, TimeUnit.SECONDS), "lua5.1 did not finish");
      String out = new String(lua.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, lua.exitValue(), out);
      return List.of(out.split("\n", -1)).subList(0, 2);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** A JSON value as a Lua 5.1 table constructor, as Argo CD hands a resource to its scripts. */
  private static String lua(JsonNode node) {
    if (node.isObject()) {
      StringBuilder out = new StringBuilder("{");
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNull()) {
          out.append('[').append(quote(e.getKey())).append("]=").append(lua(e.getValue())).append(',');
        }
      }
      return out.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder("{");
      node.forEach(v -> out.append(lua(v)).append(','));
      return out.append('}').toString();
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    return node.isNull() ? "nil" : quote(node.asText());
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
  }
}
