package dev.headroom.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.Regression;
import dev.headroom.api.v1alpha1.RegressionResult;
import dev.headroom.api.v1alpha1.Summary;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.operator.FakeCluster;
import dev.headroom.operator.LoadTests;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.plan.Problem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which earlier run a regression compares with, from the results ConfigMaps runs leave. */
class BaselinesTest {

  private static final String LOG = """
      #[StartTime: 0.000 (seconds since epoch), 1970-01-01]
      "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"
      """;

  private final FakeCluster cluster = new FakeCluster();
  private final Baselines baselines = new Baselines(cluster);

  private static LoadTest loadTest(String name, String regression) {
    return LoadTests.named(name, """
        target: {url: "http://checkout.shop.svc:8080"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 10s, rate: 10}]}
        regression: %s
        """.formatted(regression));
  }

  /** Run {@code run} of {@code lt} ended as said, its results kept. */
  private void ran(LoadTest lt, int run, LoadTestPhase phase, Verdict verdict, boolean regressed) {
    LoadTestStatus s = new LoadTestStatus();
    s.setPhase(phase);
    s.setVerdict(verdict);
    s.setRun(run);
    s.setObservedGeneration(1L);
    s.setSummary(new Summary(100L, 0L, "0%", 10.0, 10.0, null, null));
    if (regressed) {
      s.setRegression(new RegressionResult("x run 1", true, List.of()));
    }
    cluster.createIfAbsent(WorkerResources.resultsConfigMap(lt, run, lt.getSpec(), LOG, List.of(), s));
  }

  @Test
  void previousIsTheNewestEarlierRunThatPassedAndDidNotRegress() {
    LoadTest lt = loadTest("nightly", "{}");
    ran(lt, 1, LoadTestPhase.Succeeded, Verdict.Pass, false);
    ran(lt, 2, LoadTestPhase.Succeeded, Verdict.Pass, false);
    ran(lt, 3, LoadTestPhase.Succeeded, Verdict.Fail, true);
    ran(lt, 4, LoadTestPhase.Failed, null, false);
    Baselines.Found found = baselines.find(lt, lt.getSpec().regression(), 5, 1L);
    assertEquals("nightly run 2", found.figures().orElseThrow().label());
    assertEquals(100, found.figures().get().requests());
  }

  @Test
  void aRunOfAnEarlierSpecIsNoPrevious() {
    LoadTest lt = loadTest("nightly", "{}");
    ran(lt, 1, LoadTestPhase.Succeeded, Verdict.Pass, false);
    // The spec was edited since (generation 2): run 1 measured another test.
    Baselines.Found found = baselines.find(lt, lt.getSpec().regression(), 2, 2L);
    assertTrue(found.figures().isEmpty());
    assertEquals("no earlier run of this spec of nightly passed", found.why());
  }

  @Test
  void resultsThatCannotBeReadRefuseTheRunWithTheReason() {
    LoadTest release = loadTest("release", "{}");
    LoadTestStatus latest = new LoadTestStatus();
    latest.setRun(1);
    release.setStatus(latest);
    cluster.createIfAbsent(release);
    cluster.createIfAbsent(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
        .withName("release-run1-results").withNamespace("ns").endMetadata()
        .addToData(WorkerResources.STATUS_KEY, "{not json").build());
    Optional<Problem> problem = baselines.check(loadTest("candidate", "{baseline: release}"));
    assertTrue(problem.orElseThrow().message().startsWith("the results of LoadTest 'release' cannot be read: "),
        problem.toString());
  }

  @Test
  void theFirstRunHasNoPreviousAndSaysSo() {
    LoadTest lt = loadTest("nightly", "{baseline: Previous}");
    Baselines.Found found = baselines.find(lt, lt.getSpec().regression(), 1, 1L);
    assertTrue(found.figures().isEmpty());
    assertEquals("no baseline yet: this is the first run of nightly", found.why());
    assertEquals(Optional.empty(), baselines.check(lt), "Previous never refuses a run");
  }

  @Test
  void aNamedBaselineIsThatLoadTestsNewestRunThatSucceeded() {
    LoadTest release = loadTest("release", "{}");
    LoadTestStatus latest = new LoadTestStatus();
    latest.setRun(3);
    release.setStatus(latest);
    cluster.createIfAbsent(release);
    ran(release, 2, LoadTestPhase.Succeeded, Verdict.Fail, false);
    ran(release, 3, LoadTestPhase.Cancelled, null, false);
    LoadTest candidate = loadTest("candidate", "{baseline: release}");
    assertEquals(Optional.empty(), baselines.check(candidate));
    assertEquals("release run 2", baselines.find(candidate, candidate.getSpec().regression(), 1, 1L)
        .figures().orElseThrow().label());
  }

  @Test
  void aNamedBaselineThatCannotServeRefusesTheRunNamingTheField() {
    LoadTest candidate = loadTest("candidate", "{baseline: release}");
    assertEquals(Optional.of(new Problem("spec.regression.baseline", "no LoadTest 'release' in namespace ns")),
        baselines.check(candidate));
    cluster.createIfAbsent(loadTest("release", "{}"));
    assertEquals(Optional.of(new Problem("spec.regression.baseline",
            "LoadTest 'release' has no run that succeeded with its results kept")),
        baselines.check(candidate));
    assertEquals(Regression.PREVIOUS, new Regression(null, null, null, null, null, null).baselineOrPrevious());
  }
}
