package dev.headroom.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.crd.RepoFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Argo CD's health checks of {@code examples/gitops/}, run as Argo CD runs them: the script in Lua
 * 5.1 (Debian's {@code lua5.1}), the resource handed to it as its JSON made a Lua table. Shared by
 * the operator's tests and the control plane's, which check real resources.
 */
public final class ArgoHealth {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ArgoHealth() {}

  /** The LoadTest check's verdict: {@code [status, message]}. */
  public static List<String> ofLoadTest(HasMetadata loadTest) {
    return of("examples/gitops/loadtest-health.lua", loadTest);
  }

  /** The LoadTestSchedule check's verdict: {@code [status, message]}. */
  public static List<String> ofSchedule(HasMetadata schedule) {
    return of("examples/gitops/loadtestschedule-health.lua", schedule);
  }

  private static List<String> of(String checkFile, HasMetadata resource) {
    try {
      return run(checkFile, resource);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + checkFile + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + checkFile, e);
    }
  }

  private static List<String> run(String checkFile, HasMetadata resource) throws IOException, InterruptedException {
    String check = Files.readString(RepoFiles.root().resolve(checkFile));
    String script = "local obj = " + lua(JSON.valueToTree(resource)) + "\n"
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
