package dev.headroom.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FreezeScheduleTest {

  /** Freezes during [1000 + 100k, 1000 + 100k + 30). */
  private final FreezeSchedule schedule = new FreezeSchedule(1_000, 30, 100);

  @Test
  void frozenFromEachFreezeStartUpToButExcludingItsEnd() {
    assertTrue(schedule.isFrozenAt(1_000));
    assertTrue(schedule.isFrozenAt(1_029));
    assertFalse(schedule.isFrozenAt(1_030));
    assertFalse(schedule.isFrozenAt(1_099));
    assertTrue(schedule.isFrozenAt(1_100));
    assertTrue(schedule.isFrozenAt(5_015));
  }

  @Test
  void periodicBeforeTheEpochToo() {
    assertTrue(schedule.isFrozenAt(900));
    assertFalse(schedule.isFrozenAt(999));
    assertTrue(schedule.isFrozenAt(-9_000));
  }

  @Test
  void thawIsTheEndOfTheCurrentFreezeOrNow() {
    assertEquals(1_030, schedule.thawAt(1_000));
    assertEquals(1_130, schedule.thawAt(1_117));
    assertEquals(1_050, schedule.thawAt(1_050));
  }

  @Test
  void workRunsOnlyOutsideFreezes() {
    assertEquals(1_050, schedule.finishWork(1_040, 10), "fits before the next freeze");
    assertEquals(1_140, schedule.finishWork(1_090, 20), "10 before the freeze at 1100, 10 after its end at 1130");
    assertEquals(1_045, schedule.finishWork(1_010, 15), "starting in a freeze waits for its end");
    assertEquals(1_230 + 5, schedule.finishWork(1_030, 70 + 70 + 5), "70 before 1100, 70 in [1130, 1200), 5 after 1230");
  }

  @Test
  void workEndingAsAFreezeBeginsIsAnsweredWhenItEnds() {
    assertEquals(1_130, schedule.finishWork(1_090, 10));
    assertFalse(schedule.isFrozenAt(schedule.finishWork(1_030, 140)));
    assertEquals(1_230, schedule.finishWork(1_030, 140));
  }

  @Test
  void withoutFreezesWorkTakesJustItsTime() {
    FreezeSchedule none = FreezeSchedule.none();
    assertFalse(none.freezes());
    assertFalse(none.isFrozenAt(0));
    assertEquals(1_234 + 56, none.finishWork(1_234, 56));
  }

  @Test
  void aStallAsLongAsThePeriodIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new FreezeSchedule(0, 100, 100));
  }
}
