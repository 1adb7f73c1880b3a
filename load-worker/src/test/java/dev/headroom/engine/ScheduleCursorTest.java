package dev.headroom.engine;

import static dev.headroom.engine.TimelineTest.S;
import static dev.headroom.engine.TimelineTest.open;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.plan.ExecutionPlan.Phase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleCursorTest {

  /** Warmup, a constant stage, a ramp, a pause, a short fast stage; then the same with a rate step. */
  private static final Timeline STAGES = Timeline.of(open(1_500_000_000L,
      new Phase(2_300_000_000L, 100, 100, 0, 0),
      new Phase(3 * S, 100, 1000, 0, 0),
      new Phase(S, 0, 0, 0, 0),
      new Phase(S, 500, 500, 0, 0)));
  private static final Timeline STEPPED = STAGES.withStep(5_200_000_000L, 3, 2000, 0, 0).stoppedAt(9 * S);

  @ParameterizedTest
  @CsvSource({"1, 0", "3, 0", "3, 2", "7, 5"})
  void aLanesShareOfTheScheduleIsExactlyTheTimelines(int stride, int offset) {
    for (Timeline t : new Timeline[] {STAGES, STEPPED}) {
      ScheduleCursor cursor = new ScheduleCursor(t);
      long k = offset;
      long due;
      do {
        due = cursor.timeOf(k);
        assertEquals(t.timeOf(k), due, "k=" + k);
        k += stride;
      } while (due != Timeline.OPEN_END);
      assertEquals(Timeline.OPEN_END, cursor.timeOf(k + stride), "and past the end it stays there");
    }
  }
}
