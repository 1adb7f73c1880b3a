package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom validate}: what a pre-merge CI job runs over a GitOps repository. */
class ValidateCommandTest {

  @TempDir Path dir;

  private static final String GOOD = """
      apiVersion: headroom.dev/v1alpha1
      kind: LoadTest
      metadata: {name: %s}
      spec:
        target: {url: "http://shop.svc:8080"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 1m, rate: %d}]}
        workers: {replicas: 2}
      """;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void everyLoadTestOfAFileOfSeveralDocumentsIsCheckedAndOtherKindsArePassedOver() throws Exception {
    Path file = write("shop.yaml", GOOD.formatted("browse", 100) + "---\n"
        + "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: demo-target}\n---\n"
        + GOOD.formatted("checkout", 200));

    CommandRun run = CommandRun.of("validate", file.toString());

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("(document 1): LoadTest browse: valid"), run.out());
    assertTrue(run.out().contains("(document 2): Deployment demo-target: not a LoadTest or LoadTestSchedule, passed over"),
        run.out());
    assertTrue(run.out().contains("(document 3): LoadTest checkout: valid"), run.out());
  }

  @Test
  void everyProblemOfEveryFileIsNamedAtItsFieldPathWithExitTwo() throws Exception {
    Path bad = write("bad.yaml", GOOD.formatted("broken", 100).replace("rate: 100", "rate: -5")
        + "---\n" + GOOD.formatted("x".repeat(60), 100));
    Path good = write("good.yaml", GOOD.formatted("fine", 100));

    CommandRun run = CommandRun.of("validate", good.toString(), bad.toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.out().contains("LoadTest fine: valid"), run.out());
    assertTrue(run.err().contains("(document 1): LoadTest broken:\n  spec.load.stages[0].rate: "), run.err());
    assertTrue(run.err().contains("metadata.name: at most 48 characters"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }

  @Test
  void theChartsPolicyIsCheckedWhenItsValuesAreGiven() throws Exception {
    Path file = write("lt.yaml", GOOD.formatted("big", 5000));
    Path values = write("values.yaml", """
        image: {repository: headroom-operator}
        policy:
          allowedHosts: ["*.svc"]
          maxTotalRate: 2000
          maxWorkers: 4
        """);

    assertEquals(0, CommandRun.of("validate", file.toString()).exitCode(), "no policy without the values");
    CommandRun run = CommandRun.of("validate", "--values", values.toString(), file.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("spec.load.stages[0].rate") && run.err().contains("2000"), run.err());

    Path badValues = write("bad-values.yaml", "policy: {maxTotalRate: lots}\n");
    CommandRun refused = CommandRun.of("validate", "--values", badValues.toString(), file.toString());
    assertEquals(2, refused.exitCode());
    assertTrue(refused.err().contains("policy.maxTotalRate: must be a number > 0 or null"), refused.err());
  }

  @Test
  void aFileThatIsNotYamlOrHoldsNoLoadTestIsAnError() throws Exception {
    assertEquals(2, CommandRun.of("validate", write("x.yaml", "a: [b\n").toString()).exitCode());
    CommandRun none = CommandRun.of("validate", write("cm.yaml", "kind: ConfigMap\nmetadata: {name: c}\n").toString());
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("no LoadTest or LoadTestSchedule in"), none.err());
    CommandRun missing = CommandRun.of("validate", dir.resolve("nope.yaml").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }

  private static final String SCHEDULE = """
      apiVersion: headroom.dev/v1alpha1
      kind: LoadTestSchedule
      metadata: {name: %s}
      spec:
        schedule: "%s"
        timeZone: Europe/Berlin
        template:
          spec:
            target: {url: "http://shop.svc:8080"}
            requests: [{name: home, path: /}]
            load: {stages: [{duration: 1m, rate: %d}]}
      """;

  @Test
  void schedulesAreCheckedBesideLoadTests() throws Exception {
    Path file = write("nightly.yaml", SCHEDULE.formatted("nightly", "0 2 * * *", 100) + "---\n"
        + GOOD.formatted("browse", 100));

    CommandRun run = CommandRun.of("validate", file.toString());

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("(document 1): LoadTestSchedule nightly: valid"), run.out());
    assertTrue(run.out().contains("(document 2): LoadTest browse: valid"), run.out());
  }

  @Test
  void everyProblemOfAScheduleIsNamedAtItsPathUnderTheDocument() throws Exception {
    Path file = write("bad.yaml", GOOD.formatted("fine", 100) + "---\n"
        + SCHEDULE.formatted("x".repeat(40), "0 2 * *", -5) + "---\n"
        + SCHEDULE.formatted("nightly", "@daily", 100).replace("metadata: {name: nightly}\n", ""));

    CommandRun run = CommandRun.of("validate", file.toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.out().contains("(document 1): LoadTest fine: valid"), run.out());
    assertTrue(run.err().contains("(document 2): LoadTestSchedule " + "x".repeat(40) + ":\n"
        + "  metadata.name: at most 39 characters, got 40: each run is a LoadTest named <schedule>-<8 digits>,"
        + " and a LoadTest name is at most 48\n"
        + "  spec.schedule: '0 2 * *' is not a cron expression: Cron expression contains 4 parts but we expect one"
        + " of [5]\n"
        + "  spec.template.spec.load.stages[0].rate: must be > 0\n"), run.err());
    assertTrue(run.err().contains("(document 3):\n  metadata.name: required: each run is a LoadTest named after its"
        + " schedule\n"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }

  @Test
  void theChartsPolicyIsCheckedOnTheSpecEachRunOfAScheduleGets() throws Exception {
    Path file = write("nightly.yaml", SCHEDULE.formatted("nightly", "@daily", 5000).replace("shop.svc", "shop.example.com"));
    Path values = write("values.yaml", """
        policy:
          allowedHosts: ["*.svc"]
          maxTotalRate: 2000
        """);

    assertEquals(0, CommandRun.of("validate", file.toString()).exitCode(), "no policy without the values");
    CommandRun run = CommandRun.of("validate", "--values", values.toString(), file.toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("  spec.template.spec.target.url: host 'shop.example.com' is not allowed by the policy"),
        run.err());
    assertTrue(run.err().contains("  spec.template.spec.load.stages[0].rate: 5000 requests/s in total is more than the"
        + " policy allows"), run.err());
  }
}
