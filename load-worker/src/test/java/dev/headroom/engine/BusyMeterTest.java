package dev.headroom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BusyMeterTest {

  private static final long MS = 1_000_000L;

  @Test
  void aFullWindowIsCpuOverWall() {
    BusyMeter m = new BusyMeter();
    m.start(0, 0);
    assertEquals(0.25, m.read(250 * MS, 1_000 * MS), 1e-9);
    assertEquals(0.5, m.read(750 * MS, 2_000 * MS), 1e-9, "measured from the previous close");
  }

  @Test
  void aSliverGetsTheLastFullWindowsFigureAndItsTimeCountsTowardsTheNext() {
    BusyMeter m = new BusyMeter();
    m.start(0, 0);
    assertEquals(0.1, m.read(100 * MS, 1_000 * MS), 1e-9);
    // A 2 ms interval closed with 2 ms of CPU, all of it the closing: not a busy core.
    assertEquals(0.1, m.read(102 * MS, 1_002 * MS), 1e-9);
    assertEquals((302 - 100) / 1_000.0, m.read(302 * MS, 2_000 * MS), 1e-9, "the sliver's time is in the next window");
  }

  @Test
  void beforeAnyFullWindowASliverIsNotBusy() {
    BusyMeter m = new BusyMeter();
    m.start(0, 0);
    assertEquals(0, m.read(5 * MS, 5 * MS), 1e-9);
  }

  @Test
  void theFractionStaysWithinOneCore() {
    BusyMeter m = new BusyMeter();
    m.start(0, 0);
    assertEquals(1, m.read(1_200 * MS, 1_000 * MS), 1e-9, "clock readings a little apart");
  }
}
