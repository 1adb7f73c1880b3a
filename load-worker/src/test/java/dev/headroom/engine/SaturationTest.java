package dev.headroom.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SaturationTest {

  @Test
  void lateSendsMarkAnIntervalOnlyWhenItsP99IsMoreThanItsSlowestFew() {
    assertTrue(Saturation.saturated(1_000, 6_000, 0.3, 0), "1000 sends, p99 6 ms: the schedule slipped");
    assertFalse(Saturation.saturated(1_000, 4_000, 0.3, 0), "under the lag limit");
    assertFalse(Saturation.saturated(10, 10_000, 0.03, 0), "10 sends: p99 is the first, slow send of a fresh JVM");
  }

  @Test
  void aBusyCoreOrAStallMarkItWhateverTheRate() {
    assertTrue(Saturation.saturated(10, 0, 0.85, 0));
    assertTrue(Saturation.saturated(10, 0, 0.1, 150));
    assertFalse(Saturation.saturated(10, 0, 0.8, 100), "the limits themselves are not past them");
  }
}
