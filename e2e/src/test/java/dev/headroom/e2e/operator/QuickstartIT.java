package dev.headroom.e2e.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.ThresholdResult;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.api.v1alpha1.WorkerCounts;
import dev.headroom.e2e.Cluster;
import dev.headroom.e2e.ClusterExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quickstart of the chart's README on a real control plane: the chart installed by Helm, the
 * operator running as a pod under the chart's ServiceAccount, and {@code examples/quickstart.yaml}
 * applied with {@code kubectl} beside the demo target. The merged counts match what its stages plan.
 */
@ExtendWith({ClusterExtension.class, HeadroomExtension.class})
class QuickstartIT {

  private final KubernetesClient client;
  private final Cluster cluster;
  private final HeadroomInstall headroom;
  private final LoadTests loadTests;

  QuickstartIT(KubernetesClient client, Cluster cluster, HeadroomInstall headroom, LoadTests loadTests) {
    this.client = client;
    this.cluster = cluster;
    this.headroom = headroom;
    this.loadTests = loadTests;
  }

  @Test
  void theOperatorRunsUnderTheChartsServiceAccountWithNoMoreRightsThanARunNeeds() {
    String account = headroom.release();
    assertEquals(account, headroom.operatorPod().getSpec().getServiceAccountName());
    ClusterRoleBinding binding = client.rbac().clusterRoleBindings().withName(headroom.release()).get();
    assertTrue(binding.getSubjects().stream().anyMatch(s -> s.getName().equals(account)
        && s.getNamespace().equals(headroom.operatorNamespace())), binding.getSubjects().toString());

    String as = "--as=system:serviceaccount:" + headroom.operatorNamespace() + ":" + account;
    String ns = headroom.namespace();
    for (String allowed : List.of("create jobs.batch", "create secrets", "patch loadtests.headroom.dev --subresource=status")) {
      assertEquals("yes", canI(allowed, as, ns), allowed);
    }
    // The spec is the user's: the operator writes only the status, not even a finalizer.
    for (String refused : List.of("update loadtests.headroom.dev", "patch loadtests.headroom.dev", "delete pods", "create deployments.apps")) {
      assertEquals("no", canI(refused, as, ns), refused);
    }
  }

  /** {@code kubectl auth can-i}'s answer, yes or no. */
  private String canI(String question, String as, String ns) {
    List<String> args = new ArrayList<>(List.of("auth", "can-i"));
    args.addAll(List.of(question.split(" ")));
    args.addAll(List.of(as, "-n", ns));
    return cluster.kubectl(args.toArray(String[]::new)).output().trim();
  }

  @Test
  void quickstartSucceedsWithTheRequestsItsStagesPlan() {
    LoadTestSpec spec = PlannedLoad.read(HeadroomInstall.repo().resolve("examples/quickstart.yaml")).getSpec();
    loadTests.applyExample("quickstart.yaml");

    LoadTest lt = loadTests.awaitEnd("quickstart", 1);
    LoadTestStatus s = lt.getStatus();
    assertEquals(LoadTestPhase.Succeeded, s.getPhase(), () -> loadTests.describe("quickstart"));
    assertEquals(Verdict.Pass, s.getVerdict(), s.getMessage());
    // Nothing but the status was written: no finalizer, and every field the operator owns is status.
    assertTrue(lt.getMetadata().getFinalizers().isEmpty(), lt.getMetadata().getFinalizers().toString());
    assertTrue(lt.getMetadata().getManagedFields().stream()
            .filter(f -> !"kubectl-client-side-apply".equals(f.getManager()) && !"kubectl".equals(f.getManager()))
            .allMatch(f -> "status".equals(f.getSubresource())),
        () -> lt.getMetadata().getManagedFields().stream().map(f -> f.getManager() + "/" + f.getSubresource()).toList().toString());
    PlannedLoad.assertMatches(PlannedLoad.requests(spec), s.getSummary().requests(), "summary");
    assertEquals(spec.load().stages().size(), s.getStages().size());
    for (int i = 0; i < s.getStages().size(); i++) {
      PlannedLoad.assertMatches(PlannedLoad.requests(spec.load().stages().get(i)), s.getStages().get(i).requests(),
          "stage " + i);
    }
    assertEquals(List.of(true, true), s.getThresholds().stream().map(ThresholdResult::passed).toList());
    int replicas = spec.replicas();
    assertEquals(new WorkerCounts(replicas, replicas, 0), s.getWorkers());

    assertEquals("quickstart-run1-results", s.getResults().configMap());
    ConfigMap results = loadTests.configMap("quickstart-run1-results")
        .orElseThrow(() -> new AssertionError("no results ConfigMap"));
    assertTrue(results.getData().values().stream().noneMatch(String::isBlank), results.getData().keySet().toString());

    // Told to stop once collected, every worker exits 0, so the run's Job completes.
    Job job = loadTests.awaitJobComplete("quickstart-run1");
    assertEquals(replicas, job.getStatus().getSucceeded());
  }
}
