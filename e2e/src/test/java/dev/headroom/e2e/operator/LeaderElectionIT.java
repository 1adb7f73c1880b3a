package dev.headroom.e2e.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.WorkerCounts;
import dev.headroom.e2e.ClusterExtension;
import dev.headroom.operator.OperatorRuntime;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two operator replicas, as the chart runs them with {@code replicas: 2}: one holds the lease and
 * runs LoadTests, the other waits; when the leader's pod goes mid-run, the other takes the lease and
 * finishes the run with every request counted once.
 */
@ExtendWith({ClusterExtension.class, HeadroomExtension.class})
class LeaderElectionIT {

  private static final long TAKEOVER_SECONDS = 60;

  private final KubernetesClient client;
  private final HeadroomInstall headroom;
  private final LoadTests loadTests;

  LeaderElectionIT(KubernetesClient client, HeadroomInstall headroom, LoadTests loadTests) {
    this.client = client;
    this.headroom = headroom;
    this.loadTests = loadTests;
  }

  @Test
  void theStandbyTakesOverARunWhenTheLeaderGoesAndLosesNoRequest() throws Exception {
    headroom.scaleOperator(2);
    try {
      Set<String> operators = names(headroom.operatorPods());
      String leader = holderOf(lease().waitUntilCondition(l -> operators.contains(holderOf(l)),
          TAKEOVER_SECONDS, TimeUnit.SECONDS));

      // Long enough to outlast the lease (15 s) that the standby must wait out after the leader goes.
      ShortRun run = ShortRun.of("failover", 2, 50, 30);
      loadTests.create(run.yaml());
      loadTests.await(run.name(), "progress while running", lt -> LoadTests.phase(lt) == LoadTestPhase.Running
          && lt.getStatus().getProgress() != null, LoadTests.RUN_TIMEOUT);

      client.pods().inNamespace(headroom.operatorNamespace()).withName(leader).delete();
      String next = holderOf(lease().waitUntilCondition(l -> holderOf(l) != null && !leader.equals(holderOf(l)),
          TAKEOVER_SECONDS, TimeUnit.SECONDS));
      assertNotEquals(leader, next);
      assertEquals(LoadTestPhase.Running, LoadTests.phase(loadTests.named(run.name()).get()),
          "the run must outlive the first leader for this test to mean anything");

      LoadTestStatus s = loadTests.awaitEnd(run.name(), 1).getStatus();
      assertEquals(LoadTestPhase.Succeeded, s.getPhase(), () -> loadTests.describe(run.name()));
      assertEquals(run.planned(), s.getSummary().requests(), "every request of both workers is counted once");
      assertEquals(new WorkerCounts(2, 2, 0), s.getWorkers());
      List<String> events = loadTests.events(run.name());
      assertTrue(events.stream().filter(e -> e.startsWith("Normal Starting")).count() == 1
          && events.stream().filter(e -> e.startsWith("Normal Running")).count() == 1, () -> String.join("\n", events));
    } finally {
      headroom.scaleOperator(1);
    }
  }

  private Resource<Lease> lease() {
    return client.leases().inNamespace(headroom.operatorNamespace()).withName(OperatorRuntime.LEASE);
  }

  private static String holderOf(Lease lease) {
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static Set<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
  }
}
