package dev.headroom.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.Think;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThinkTimeTest {

  private static final SplittableRandom RANDOM = new SplittableRandom(42);

  @Test
  void aFixedPauseIsAlwaysItsDuration() {
    assertEquals(1_500_000_000L, ThinkTime.of(Think.fixed("1.5s")).nanos(RANDOM));
  }

  @Test
  void aUniformPauseSpreadsEvenlyBetweenItsBoundsIncluded() {
    ThinkTime t = ThinkTime.of(Think.uniform("1ms", "3ms"));
    long sum = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      long v = t.nanos(RANDOM);
      assertTrue(v >= 1_000_000 && v <= 3_000_000, v + " within 1ms..3ms");
      sum += v;
    }
    assertEquals(2_000_000.0, (double) sum / n, 10_000.0, "mean in the middle");
    assertEquals(5_000_000L, ThinkTime.of(Think.uniform("5ms", "5ms")).nanos(RANDOM));
  }

  @Test
  void anExponentialPauseHasItsMeanAndKeepsWithinItsBounds() {
    ThinkTime free = ThinkTime.of(Think.exponential("10ms", null, null));
    long sum = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      sum += free.nanos(RANDOM);
    }
    assertEquals(10_000_000.0, (double) sum / n, 150_000.0);
    ThinkTime bounded = ThinkTime.of(Think.exponential("10ms", "5ms", "20ms"));
    for (int i = 0; i < 10_000; i++) {
      long v = bounded.nanos(RANDOM);
      assertTrue(v >= 5_000_000 && v <= 20_000_000, v + " within 5ms..20ms");
    }
  }
}
