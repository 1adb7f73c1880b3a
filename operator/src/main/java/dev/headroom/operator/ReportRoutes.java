package dev.headroom.operator;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.htmlreport.ReportInput;
import dev.headroom.htmlreport.ReportPage;
import dev.headroom.operator.kube.Cluster;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.results.RunFigures;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's report pages, {@code GET /reports/<namespace>/<loadtest>/<run>}: each drawn when
 * asked from the run's results ConfigMap, so a report lives exactly as long as its results, and
 * the address in a LoadTest's status stays the same whichever replica answers.
 */
public final class ReportRoutes {

  public static final String PREFIX = "/reports/";

  private static final String NAME = "[a-z0-9]([-a-z0-9.]*[a-z0-9])?";
  private static final Pattern PATH = Pattern.compile("/reports/(" + NAME + ")/(" + NAME + ")/([1-9][0-9]{0,8})");
  /** How a regression names its baseline run: {@code release run 2}. */
  private static final Pattern BASELINE = Pattern.compile("(" + NAME + ") run ([1-9][0-9]{0,8})");
  private static final String HTML = "text/html; charset=utf-8";

  private final Cluster cluster;
  private final Set<String> namespaces;

  /** @param namespaces the namespaces the operator watches; empty: all */
  public ReportRoutes(Cluster cluster, Set<String> namespaces) {
    this.cluster = cluster;
    this.namespaces = Set.copyOf(namespaces);
  }

  /** The path of run {@code run}'s report. */
  public static String path(LoadTest lt, int run) {
    return PREFIX + lt.getMetadata().getNamespace() + "/" + lt.getMetadata().getName() + "/" + run;
  }

  /** The page at {@code path}; null (not found) for anything but a kept run in a watched namespace. */
  public EndpointServer.Reply answer(String path) {
    Matcher m = PATH.matcher(path);
    if (!m.matches() || !(namespaces.isEmpty() || namespaces.contains(m.group(1)))) {
      return null;
    }
    String namespace = m.group(1);
    String name = m.group(3);
    int run = Integer.parseInt(m.group(5));
    Optional<ConfigMap> results = cluster.configMap(namespace, WorkerResources.resultsConfigMapName(name, run))
        .filter(WorkerResources::isResults);
    if (results.isEmpty()) {
      return null;
    }
    LoadTestStatus status = WorkerResources.statusOf(results.get());
    RunFigures figures = RunFigures.of(name + " run " + run, status, WorkerResources.intervalLogOf(results.get()));
    LoadTestSpec spec = WorkerResources.runSpecOf(results.get());
    String html = ReportPage.render(new ReportInput(name, spec != null ? spec : spec(namespace, name, status), status,
        figures, WorkerResources.seriesOf(results.get()), baseline(namespace, status)));
    return new EndpointServer.Reply(200, HTML, html);
  }

  /** For results written before they held the spec: the LoadTest's, if it is still the one the run ran. */
  private LoadTestSpec spec(String namespace, String name, LoadTestStatus status) {
    return cluster.loadTest(namespace, name)
        .filter(lt -> Objects.equals(lt.getMetadata().getGeneration(), status.getObservedGeneration()))
        .map(LoadTest::getSpec)
        .orElse(null);
  }

  /** The run it was compared with, for the overlay, while its results are kept. */
  private RunFigures baseline(String namespace, LoadTestStatus status) {
    if (status.getRegression() == null || status.getRegression().baseline() == null) {
      return null;
    }
    Matcher m = BASELINE.matcher(status.getRegression().baseline());
    if (!m.matches()) {
      return null;
    }
    int run = Integer.parseInt(m.group(3));
    try {
      return cluster.configMap(namespace, WorkerResources.resultsConfigMapName(m.group(1), run))
          .filter(WorkerResources::isResults)
          .map(cm -> RunFigures.of(status.getRegression().baseline(), WorkerResources.statusOf(cm),
              WorkerResources.intervalLogOf(cm)))
          .orElse(null);
    } catch (IllegalArgumentException e) {
      // The overlay is a help, not the page: a baseline whose results cannot be read is left out.
      return null;
    }
  }
}
