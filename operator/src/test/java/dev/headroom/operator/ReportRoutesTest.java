package dev.headroom.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.SeriesPoint;
import dev.headroom.api.v1alpha1.Summary;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.operator.model.WorkerResources;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report pages: a kept run of a watched namespace is drawn; anything else is not found. */
class ReportRoutesTest {

  private static final String LOG = """
      #[StartTime: 0.000 (seconds since epoch), 1970-01-01]
      "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"
      """;

  private final FakeCluster cluster = new FakeCluster();

  private LoadTest ranOnce() {
    LoadTest lt = LoadTests.named("checkout", """
        target: {url: "http://checkout.shop.svc:8080"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 10s, rate: 10}]}
        """);
    LoadTestStatus s = new LoadTestStatus();
    s.setPhase(LoadTestPhase.Succeeded);
    s.setVerdict(Verdict.Pass);
    s.setRun(1);
    s.setMessage("10 rps for 10s: all thresholds met");
    s.setSummary(new Summary(100L, 0L, "0%", 10.0, 10.0, null, null));
    cluster.createIfAbsent(WorkerResources.resultsConfigMap(lt, 1, lt.getSpec(), LOG,
        List.of(new SeriesPoint(1_000L, 2_000L, 10L, 0L), new SeriesPoint(2_000L, 3_000L, 10L, 1L)), s));
    return lt;
  }

  @Test
  void aKeptRunOfAWatchedNamespaceIsDrawnAtThePathItsStatusNames() {
    LoadTest lt = ranOnce();
    String path = ReportRoutes.path(lt, 1);
    assertEquals("/reports/ns/checkout/1", path);
    EndpointServer.Reply page = new ReportRoutes(cluster, Set.of("ns")).answer(path);
    assertEquals(200, page.status());
    assertEquals("text/html; charset=utf-8", page.contentType());
    assertTrue(page.body().contains("<p class=\"verdict pass\">Pass</p>"), page.body());
    assertTrue(page.body().contains("id=\"throughput\""), "drawn from the stored series");
  }

  @Test
  void anythingElseIsNotFound() {
    ranOnce();
    ReportRoutes routes = new ReportRoutes(cluster, Set.of("ns"));
    assertNull(routes.answer("/reports/ns/checkout/2"), "a run not kept");
    assertNull(routes.answer("/reports/other/checkout/1"), "a namespace not watched");
    assertNull(routes.answer("/reports/ns/checkout"), "no run");
    assertNull(routes.answer("/reports/ns/../secrets/1"), "not a name");
    assertNull(routes.answer("/reports/ns/checkout/0"), "runs count from 1");
    cluster.createIfAbsent(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
        .withName("someone-run1-results").withNamespace("ns").endMetadata()
        .addToData(WorkerResources.STATUS_KEY, "{}").build());
    assertNull(routes.answer("/reports/ns/someone/1"), "a ConfigMap that only has a results name");
  }
}
