package dev.headroom.e2e.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatusFactoryTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2025-01-01T00:01:00Z");

  private final Pod pod = Serialization.unmarshal("""
      apiVersion: v1
      kind: Pod
      metadata: {name: p, namespace: ns}
      spec: {containers: [{name: c, image: i}]}
      status:
        conditions: [{type: PodScheduled, status: "True", lastTransitionTime: "2024-12-31T23:59:00Z"}]
      """, Pod.class);

  private static ContainerSnapshot running(boolean ready) {
    return new ContainerSnapshot("c", "i", null, T0, null, null, 0, ready, true, "process://7");
  }

  private static String condition(PodStatus status, String type) {
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).map(PodCondition::getStatus)
        .findFirst().orElse("absent");
  }

  private static PodStatusFactory.Observation observation(ContainerSnapshot container) {
    return new PodStatusFactory.Observation("Running", "127.0.1.2", "127.0.0.1", T0, true, true, List.of(), List.of(container));
  }

  @Test
  void readinessFollowsContainersAndTransitionTimesOnlyMoveOnChange() {
    PodStatus notReady = PodStatusFactory.build(pod, null, observation(running(false)), T0);
    assertEquals("True", condition(notReady, "PodScheduled"), "the scheduler's condition is kept");
    assertEquals("False", condition(notReady, "Ready"));
    assertEquals("127.0.1.2", notReady.getPodIPs().get(0).getIp());
    assertEquals("process://7", notReady.getContainerStatuses().get(0).getContainerID());

    PodStatus same = PodStatusFactory.build(pod, notReady, observation(running(false)), T1);
    assertEquals(notReady, same, "nothing changed, nothing to report");

    PodStatus ready = PodStatusFactory.build(pod, notReady, observation(running(true)), T1);
    assertEquals("True", condition(ready, "Ready"));
    PodCondition readyCondition = ready.getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
    assertEquals("2025-01-01T00:01:00Z", readyCondition.getLastTransitionTime());
    PodCondition initialized = ready.getConditions().stream().filter(c -> "Initialized".equals(c.getType())).findFirst().orElseThrow();
    assertEquals("2025-01-01T00:00:00Z", initialized.getLastTransitionTime());
  }
}
