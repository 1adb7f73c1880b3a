package dev.headroom.e2e.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.RegressionCheck;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.e2e.ClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Regression detection on the real control plane: a LoadTest compared with its own previous run
 * (run again by a new run token) is not flagged; the same test against the demo target made half
 * again as slow, compared with it by name, is flagged with verdict Fail and condition Regressed;
 * a baseline that does not exist refuses the run before anything is created. The flagged run's
 * report is served by the operator at the address in its status.
 */
@ExtendWith({ClusterExtension.class, HeadroomExtension.class})
class RegressionIT {

  private final LoadTests loadTests;
  private final HeadroomInstall headroom;

  RegressionIT(LoadTests loadTests, HeadroomInstall headroom) {
    this.loadTests = loadTests;
    this.headroom = headroom;
  }

  /** Eight measured seconds at 40 rps: eight intervals, so one hiccup cannot hide a change from the rank test. */
  private static String loadTest(String name, String token, String url, String regression) {
    return """
        apiVersion: headroom.dev/v1alpha1
        kind: LoadTest
        metadata: {name: %s, annotations: {headroom.dev/run-token: "%s"}}
        spec:
          target: {url: "%s", timeout: 2s}
          requests: [{name: browse, path: /products}]
          load: {warmup: 1s, stages: [{duration: 8s, rate: 40}]}
          regression: %s
        """.formatted(name, token, url, regression);
  }

  @Test
  void previousRunsCompareQuietlyAndASlowerTargetIsFlagged() throws Exception {
    // 50 ms a request: a few milliseconds of the machine's own noise stay far under the 20% limit.
    String steady = headroom.demoTargetUp("steady-target", "50ms");
    String regression = "{baseline: Previous, maxP99Increase: \"20%\"}";
    loadTests.apply(loadTest("release", "1", steady, regression));
    LoadTestStatus first = loadTests.awaitEnd("release", 1).getStatus();
    assertEquals(Verdict.Pass, first.getVerdict(), () -> loadTests.describe("release"));
    assertTrue(first.getMessage().endsWith("; not compared: no baseline yet: this is the first run of release"),
        first.getMessage());
    assertEquals("Unknown", RunLifecycleIT.condition(first, "Regressed"));

    loadTests.apply(loadTest("release", "2", steady, regression));
    LoadTest second = loadTests.await("release", "run 2 to end", lt -> LoadTests.run(lt) == 2
        && lt.getStatus().getCompletionTime() != null, LoadTests.RUN_TIMEOUT);
    LoadTestStatus s = second.getStatus();
    assertEquals("release run 1", s.getRegression().baseline(), () -> loadTests.describe("release"));
    assertFalse(s.getRegression().regressed(), s.getMessage());
    assertEquals(Verdict.Pass, s.getVerdict(), s.getMessage());
    assertEquals("False", RunLifecycleIT.condition(s, "Regressed"));

    String slower = headroom.demoTargetUp("slower-target", "75ms");
    loadTests.apply(loadTest("candidate", "1", slower, "{baseline: release, maxP99Increase: \"20%\"}"));
    LoadTestStatus c = loadTests.awaitEnd("candidate", 1).getStatus();
    assertEquals(LoadTestPhase.Succeeded, c.getPhase(), () -> loadTests.describe("candidate"));
    assertEquals(Verdict.Fail, c.getVerdict(), c.getMessage());
    assertTrue(c.getRegression().regressed());
    RegressionCheck p99 = c.getRegression().checks().get(0);
    assertEquals("p99", p99.metric());
    assertTrue(p99.regressed(), p99.toString());
    assertTrue(c.getMessage().contains("regressed against release run 2: p99 " + p99.baseline() + " -> "
        + p99.actual() + " (" + p99.change() + ", limit +20%, confidence "), c.getMessage());
    assertEquals("True", RunLifecycleIT.condition(c, "Regressed"));
    assertTrue(loadTests.events("candidate").stream().anyMatch(e -> e.startsWith("Warning ")),
        () -> loadTests.events("candidate").toString());

    // The run's report, served by the operator at the address its status names, with the baseline drawn over it.
    String path = "/reports/" + headroom.namespace() + "/candidate/1";
    assertEquals(headroom.reportUrl() + path, c.getResults().report());
    String page = headroom.getFromOperator(path);
    assertTrue(page.startsWith("200 <!DOCTYPE html>"), page.substring(0, Math.min(200, page.length())));
    assertTrue(page.contains("<p class=\"verdict fail\">Fail</p>"), "verdict first");
    assertTrue(page.contains("baseline release run 2"), "the baseline's spectrum is overlaid");
    assertTrue(page.contains("Compared with release run 2"), "the comparison's table");
    assertTrue(headroom.getFromOperator("/reports/" + headroom.namespace() + "/candidate/9").startsWith("404 "),
        "a run that is not kept is not found");

    // The same page through a user's kubeconfig, with headroom report.
    Path file = Files.createTempFile("candidate-", ".html");
    String cli = headroom.headroom("report", "--loadtest", "candidate", "-n", headroom.namespace(), "-o", file.toString());
    assertTrue(cli.startsWith("0 "), cli);
    assertEquals(page.substring("200 ".length()), Files.readString(file), "the operator's page, byte for byte");
    assertTrue(headroom.headroom("report", "--loadtest", "candidate/9", "-n", headroom.namespace(), "-o",
        file.toString()).startsWith("2 headroom report: no results kept for run 9 of LoadTest "), "a run not kept");
  }

  @Test
  void aBaselineThatDoesNotExistRefusesTheRunNamingTheField() {
    loadTests.apply(loadTest("orphan", "1", "http://demo-target:8080", "{baseline: no-such-test}"));
    LoadTest lt = loadTests.await("orphan", "the run refused", t -> LoadTests.phase(t) == LoadTestPhase.Failed,
        LoadTests.RUN_TIMEOUT);
    String message = lt.getStatus().getMessage();
    assertTrue(message.contains("spec.regression.baseline: no LoadTest 'no-such-test' in namespace "), message);
    assertEquals("False", RunLifecycleIT.condition(lt.getStatus(), "Valid"));
    assertEquals(java.util.List.of(), loadTests.objectsFor("orphan"), "nothing half-created");
  }
}
