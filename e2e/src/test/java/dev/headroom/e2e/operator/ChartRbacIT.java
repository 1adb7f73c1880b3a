package dev.headroom.e2e.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.e2e.Cluster;
import dev.headroom.e2e.ClusterExtension;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart installed by Helm on a real control plane: the operator runs as a pod under the
 * chart's ServiceAccount, with the rights a run needs and no more. (The quickstart itself runs on
 * the real node's containers: {@code RealNodeE2E}.)
 */
@ExtendWith({ClusterExtension.class, HeadroomExtension.class})
class ChartRbacIT {

  private final KubernetesClient client;
  private final Cluster cluster;
  private final HeadroomInstall headroom;

  ChartRbacIT(KubernetesClient client, Cluster cluster, HeadroomInstall headroom) {
    this.client = client;
    this.cluster = cluster;
    this.headroom = headroom;
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
}
