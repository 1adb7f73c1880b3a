package dev.headroom.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.ExecutionPlan.Phase;
import dev.headroom.plan.LoadModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

  static final long S = 1_000_000_000L;

  static ExecutionPlan open(long warmupNanos, Phase... stages) {
    return new ExecutionPlan(null, null, 1, S, List.of(), null, LoadModel.Open, warmupNanos, List.of(stages));
  }

  static long countBefore(Timeline t, long end) {
    long k = 0;
    while (t.timeOf(k) < end) {
      k++;
    }
    return k;
  }

  @Test
  void constantRateSchedulesFromAbsoluteTime() {
    Timeline t = Timeline.of(open(0, new Phase(10 * S, 100, 100, 0, 0)));
    assertEquals(0, t.timeOf(0));
    assertEquals(10_000_000L, t.timeOf(1));
    assertEquals(9_990_000_000L, t.timeOf(999));
    assertEquals(Timeline.OPEN_END, t.timeOf(1000));
  }

  @Test
  void linearRampDeliversItsArea() {
    // 100 -> 1000 rps over 30 s: (100 + 1000) / 2 * 30 = 16500 requests.
    Timeline t = Timeline.of(open(0, new Phase(30 * S, 100, 1000, 0, 0)));
    assertEquals(16_500, countBefore(t, 30 * S));
    // Sends get denser: the gap near the end is about 1 ms, near the start about 10 ms.
    long early = t.timeOf(1) - t.timeOf(0);
    long late = t.timeOf(16_499) - t.timeOf(16_498);
    assertTrue(early > 9_000_000L && early < 10_100_000L, "early gap " + early);
    assertTrue(late > 900_000L && late < 1_100_000L, "late gap " + late);
  }

  @Test
  void intervalsAreSecondsCutAtStageBoundariesWithWarmupFirst() {
    Timeline t = Timeline.of(open(S, new Phase(1_500_000_000L, 10, 10, 0, 0), new Phase(2 * S, 10, 10, 0, 0)));
    assertEquals(new Timeline.Interval(0, -1, 0, S), t.intervalAt(0));
    assertEquals(new Timeline.Interval(1, 0, S, 2 * S), t.intervalAt(S));
    assertEquals(new Timeline.Interval(2, 0, 2 * S, 2_500_000_000L), t.intervalAt(2_200_000_000L));
    assertEquals(new Timeline.Interval(3, 1, 2_500_000_000L, 3_500_000_000L), t.intervalAt(2_500_000_000L));
    assertEquals(new Timeline.Interval(4, 1, 3_500_000_000L, 4_500_000_000L), t.intervalAt(4_499_999_999L));
    assertNull(t.intervalAt(4_500_000_000L));
    assertEquals(1, t.measuredStart() / S);
  }

  @Test
  void aRateStepKeepsThePastAndStartsANewOpenEndedStage() {
    Timeline t = Timeline.of(open(0, new Phase(10 * S, 100, 100, 0, 0)));
    Timeline stepped = t.withStep(2_500_000_000L, 1, 1000, 0, 0);
    for (long k = 0; k < 250; k++) {
      assertEquals(t.timeOf(k), stepped.timeOf(k), "k=" + k);
    }
    assertEquals(2_500_000_000L, stepped.timeOf(250));
    assertEquals(2_501_000_000L, stepped.timeOf(251));
    assertEquals(Timeline.OPEN_END, stepped.end());
    assertEquals(new Timeline.Interval(2, 0, 2 * S, 2_500_000_000L), stepped.intervalAt(2_400_000_000L));
    assertEquals(new Timeline.Interval(3, 1, 2_500_000_000L, 3_500_000_000L), stepped.intervalAt(2_600_000_000L));

    Timeline stopped = stepped.stoppedAt(4 * S);
    assertEquals(4 * S, stopped.end());
    assertEquals(250 + 1500, countBefore(stopped, Long.MAX_VALUE - 1));
  }

  @Test
  void closedModelUsersPerStage() {
    ExecutionPlan plan = new ExecutionPlan(null, null, 1, S, List.of(), null, LoadModel.Closed, 0,
        List.of(new Phase(2 * S, 0, 0, 8, 100_000_000L), new Phase(S, 0, 0, 2, 0)));
    Timeline t = Timeline.of(plan);
    assertEquals(8, t.usersAt(0));
    assertEquals(100_000_000L, t.thinkNanosAt(S));
    assertEquals(2, t.usersAt(2 * S));
    assertEquals(0, t.usersAt(3 * S));
    assertEquals(2 * S, t.nextBoundaryAfter(0));
    assertEquals(3 * S, t.nextBoundaryAfter(2 * S));
    assertEquals(Timeline.OPEN_END, t.nextBoundaryAfter(3 * S));
  }
}
