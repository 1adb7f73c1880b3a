package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.headroom.crd.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code headroom run} end to end: a real run against the built-in demo target, and bad input. */
class RunCommandTest {

  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Headroom.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  Path manifest(String thresholds) throws Exception {
    Path f = dir.resolve("lt.yaml");
    Files.writeString(f, """
        apiVersion: headroom.dev/v1alpha1
        kind: LoadTest
        metadata: {name: cli}
        spec:
          target: {url: "http://example.invalid:8080", timeout: 2s, http: {connections: 4}}
          requests:
            - {name: a, path: /a, weight: 3}
            - {name: b, path: /b, weight: 1}
          load:
            stages: [{duration: 2s, rate: 100}]
          workers: {replicas: 2}
        """ + thresholds);
    return f;
  }

  @Test
  void aRunWritesTheStatusAndExitsByVerdict() throws Exception {
    Path json = dir.resolve("status.json");
    Result r = run("run", manifest("  thresholds: [{metric: errorRate, max: \"1%\"}]\n").toString(),
        "--demo-target", "--quiet", "--json", json.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode status = new ObjectMapper().readTree(json.toFile());
    assertEquals("Succeeded", status.get("phase").asText());
    assertEquals("Pass", status.get("verdict").asText());
    assertEquals(200, status.at("/summary/requests").asLong(), "2 s at 100 rps");
    assertEquals(150, status.at("/requests/0/requests").asLong(), "weight 3 of 4");
    assertEquals(2, status.at("/workers/ready").asInt());
    assertTrue(r.out().contains("total"), r.out());
  }

  @Test
  void theSecretHeadersExampleSendsTheValueFromSecretDir() throws Exception {
    // The example as it is, but 1 s long.
    Path example = Files.writeString(dir.resolve("secret-headers.yaml"),
        Files.readString(RepoFiles.root().resolve("examples/secret-headers.yaml")).replace("duration: 10s", "duration: 1s"));
    Path secrets = dir.resolve("secrets");
    Files.createDirectories(secrets.resolve("demo-api-token"));
    Files.writeString(secrets.resolve("demo-api-token/token"), "Bearer demo-token");
    Path json = dir.resolve("status.json");
    Result r = run("run", example.toString(), "--demo-target", "--quiet", "--secret-dir", secrets.toString(),
        "--json", json.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    JsonNode status = new ObjectMapper().readTree(json.toFile());
    assertEquals(50, status.at("/summary/requests").asLong(), "1 s at 50 rps");
    assertEquals(0, status.at("/summary/errors").asLong(), "the demo target saw the header's value");
    assertFalse(Files.readString(json).contains("demo-token"), "the value stays out of the status");

    Files.writeString(secrets.resolve("demo-api-token/token"), "Bearer other");
    Result wrong = run("run", example.toString(), "--demo-target", "--quiet", "--secret-dir", secrets.toString(),
        "--json", json.toString());
    assertEquals(1, wrong.exit(), wrong.out() + wrong.err());
    assertEquals(50, new ObjectMapper().readTree(json.toFile()).at("/summary/errorsByKind/status_403").asLong());

    Result missing = run("run", example.toString(), "--demo-target", "--quiet");
    assertEquals(2, missing.exit(), missing.err());
    assertTrue(missing.err().contains("demo-api-token") && missing.err().contains("--secret-dir"), missing.err());
  }

  @Test
  void aMissedThresholdExitsOne() throws Exception {
    Result r = run("run", manifest("  thresholds: [{metric: p50, max: 1ms}]\n").toString(), "--demo-target", "--quiet");
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("FAIL"), r.out());
  }

  @Test
  void anInvalidManifestExitsTwoWithEveryProblemAndNoStackTrace() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, """
        apiVersion: headroom.dev/v1alpha1
        kind: LoadTest
        spec:
          target: {url: "ftp://x"}
          requests: []
          load: {stages: [{duration: 2x, rate: -1}]}
        """);
    Result r = run("run", f.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("spec.target.url"), r.err());
    assertTrue(r.err().contains("spec.requests"), r.err());
    assertTrue(r.err().contains("spec.load.stages[0].duration"), r.err());
    assertTrue(r.err().contains("spec.load.stages[0].rate"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void notYamlAtAllExitsTwo() throws Exception {
    Path f = dir.resolve("junk.yaml");
    Files.writeString(f, "{{{ not: [yaml");
    Result r = run("run", f.toString());
    assertEquals(2, r.exit());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void aMissingFileExitsTwo() {
    Result r = run("run", dir.resolve("nope.yaml").toString());
    assertEquals(2, r.exit(), r.err());
  }
}
