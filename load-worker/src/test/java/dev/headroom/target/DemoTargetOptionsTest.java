package dev.headroom.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoTargetOptionsTest {

  private final DemoTargetOptions defaults = DemoTargetOptions.defaults();

  @Test
  void capacityIsConcurrencyOverServiceTime() {
    assertEquals(1_000.0, defaults.capacityRps(), 1e-9);
    assertEquals(4_000.0, defaults.withConcurrency(2).withServiceTime(Duration.ofNanos(500_000)).capacityRps(), 1e-9);
  }

  @Test
  void describesCapacityAndFreezesInOneLine() {
    assertEquals("capacity 1000 rps (concurrency 100, service time 100ms), freezes 500ms every 5s",
        defaults.withConcurrency(100).withServiceTime(Duration.ofMillis(100))
            .withFreezes(Duration.ofMillis(500), Duration.ofSeconds(5)).describe());
    assertEquals("capacity 428.6 rps (concurrency 3, service time 7ms)",
        defaults.withConcurrency(3).withServiceTime(Duration.ofMillis(7)).describe());
  }

  @Test
  void theFreezeEpochDefaultsToTheStart() {
    DemoTargetOptions freezing = defaults.withFreezes(Duration.ofMillis(100), Duration.ofSeconds(1));
    assertEquals(42, freezing.freezeSchedule(42).epochNanos());
    assertEquals(7, freezing.withFreezeEpochNanos(7).freezeSchedule(42).epochNanos());
  }

  @Test
  void badValuesNameTheOption() {
    assertMessageNames("--service-time", () -> defaults.withServiceTime(Duration.ZERO));
    assertMessageNames("--concurrency", () -> defaults.withConcurrency(0));
    assertMessageNames("--port", () -> defaults.withPort(70_000));
    assertMessageNames("--every", () -> defaults.withFreezes(Duration.ofMillis(100), Duration.ZERO));
    assertMessageNames("--stall", () -> defaults.withFreezes(Duration.ZERO, Duration.ofSeconds(1)));
    assertMessageNames("--stall", () -> defaults.withFreezes(Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }

  private static void assertMessageNames(String option, Runnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage().contains(option), e.getMessage());
  }
}
