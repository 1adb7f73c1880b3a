package dev.headroom.e2e.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodPhasesTest {

  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  private static ContainerSnapshot waiting() {
    return new ContainerSnapshot("c", "i", new ContainerSnapshot.Waiting("ContainerCreating", null), null, null, null, 0, false, false, null);
  }

  private static ContainerSnapshot running() {
    return new ContainerSnapshot("c", "i", null, T, null, null, 0, true, true, "process://1");
  }

  private static ContainerSnapshot exited(int code) {
    return new ContainerSnapshot("c", "i", null, null, ContainerSnapshot.Termination.of(code, T, T, "process://1"),
        null, 0, false, false, "process://1");
  }

  private static ContainerSnapshot crashLooping() {
    return new ContainerSnapshot("c", "i", new ContainerSnapshot.Waiting("CrashLoopBackOff", null), null, null,
        ContainerSnapshot.Termination.of(1, T, T, "process://1"), 1, false, false, null);
  }

  @Test
  void phasesFollowTheContainers() {
    assertEquals("Pending", PodPhases.of("Never", false, false, List.of(waiting()), false));
    assertEquals("Failed", PodPhases.of("Never", false, true, List.of(waiting()), false));
    assertEquals("Pending", PodPhases.of("Never", true, false, List.of(running(), waiting()), false));
    assertEquals("Running", PodPhases.of("Never", true, false, List.of(running(), exited(1)), false));
    assertEquals("Succeeded", PodPhases.of("Never", true, false, List.of(exited(0), exited(0)), false));
    assertEquals("Failed", PodPhases.of("Never", true, false, List.of(exited(0), exited(3)), false));
    assertEquals("Running", PodPhases.of("OnFailure", true, false, List.of(exited(3)), true));
    assertEquals("Running", PodPhases.of("Always", true, false, List.of(exited(0)), true));
    assertEquals("Running", PodPhases.of("Always", true, false, List.of(crashLooping()), true));
  }
}
