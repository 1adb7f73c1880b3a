package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom run} with spec.data: rows from a file beside the manifest or from --data-dir, and bad input. */
class RunDataTest {

  @TempDir Path dir;

  private final RunCommandTest cli = new RunCommandTest();

  /** A journey greeting each user by name; {@code source} is the data set's source line. */
  private Path manifest(String source, String column) throws Exception {
    Path f = dir.resolve("lt.yaml");
    Files.writeString(f, """
        apiVersion: headroom.dev/v1alpha1
        kind: LoadTest
        metadata: {name: data}
        spec:
          target: {url: "http://example.invalid:8080", timeout: 2s}
          data:
            - {name: users, %s, order: Unique}
          scenarios:
            - name: greet
              steps:
                - request: {name: login, method: POST, path: /login, body: '{"user":"${users.%s}"}'}
          load:
            stages: [{duration: 2s, rate: 20}]
          workers: {replicas: 2}
        """.formatted(source, column));
    return f;
  }

  private static String users(int rows) {
    StringBuilder csv = new StringBuilder("name,password\n");
    for (int i = 0; i < rows; i++) {
      csv.append("user-").append(i).append(",pw-").append(i).append('\n');
    }
    return csv.toString();
  }

  @Test
  void uniqueRowsFromAFileBesideTheManifestRunOutAndTheRunSaysSo() throws Exception {
    Files.writeString(dir.resolve("users.csv"), users(30));
    Path json = dir.resolve("status.json");

    RunCommandTest.Result r = cli.run("run", manifest("file: users.csv", "name").toString(), "--demo-target", "--quiet",
        "--json", json.toString());

    JsonNode status = new ObjectMapper().readTree(json.toFile());
    JsonNode greet = status.get("scenarios").get(0);
    assertEquals(40, greet.get("started").asLong(), r.err());
    assertEquals(30, greet.get("completed").asLong(), "one journey per row");
    assertEquals(10, greet.get("failedByKind").get("data").asLong(), "the journeys after the last row");
    assertTrue(status.get("message").asText().contains("; Unique rows of spec.data ran out: 10 journeys not started"),
        status.get("message").asText());
    assertFalse(Files.readString(json).contains("pw-"), "no row value in the status");
  }

  @Test
  void aConfigMapKeyIsReadFromTheDataDir() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("shop-users"));
    Files.writeString(data.resolve("shop-users").resolve("users.csv"), users(40));

    RunCommandTest.Result r = cli.run("run", manifest("configMapKeyRef: {name: shop-users, key: users.csv}", "name")
        .toString(), "--demo-target", "--quiet", "--data-dir", data.toString());

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("greet") && r.out().contains("40"), r.out());
  }

  @Test
  void badDataIsAUsageErrorNamingTheFieldAndNothingRuns() throws Exception {
    Files.writeString(dir.resolve("users.csv"), users(3));
    Path json = dir.resolve("status.json");

    RunCommandTest.Result typo = cli.run("run", manifest("file: users.csv", "nmae").toString(), "--demo-target",
        "--json", json.toString());
    assertEquals(2, typo.exit());
    assertTrue(typo.err().contains("spec.scenarios[0].steps[0].request.body: data set 'users' has no column 'nmae'"
        + " (its columns: name, password)"), typo.err());
    assertFalse(Files.exists(json), "nothing ran");

    RunCommandTest.Result missing = cli.run("run", manifest("file: nope.csv", "name").toString(), "--demo-target");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("spec.data[0].file: no file " + dir.resolve("nope.csv")), missing.err());

    RunCommandTest.Result noDir = cli.run("run", manifest("configMapKeyRef: {name: shop-users, key: users.csv}",
        "name").toString(), "--demo-target");
    assertEquals(2, noDir.exit());
    assertTrue(noDir.err().contains("spec.data[0].configMapKeyRef: headroom run reads ConfigMap shop-users key"
        + " users.csv from --data-dir DIR"), noDir.err());

    Files.writeString(dir.resolve("users.csv"), "name,password\nann,hunter2,extra\n");
    RunCommandTest.Result ragged = cli.run("run", manifest("file: users.csv", "name").toString(), "--demo-target");
    assertEquals(2, ragged.exit());
    assertTrue(ragged.err().contains("spec.data[0].file: data set users: file users.csv line 2 has 3 fields; the"
        + " header row has 2"), ragged.err());
    assertFalse(ragged.err().contains("hunter2"), ragged.err());
    assertFalse(ragged.err().contains("Exception"), "no stack trace for a user's mistake: " + ragged.err());
  }
}
