package dev.headroom.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WeightedMixTest {

  @Test
  void everyWindowOfTotalWeightHoldsEachRequestItsWeight() {
    int[] weights = {9, 1, 0, 3};
    WeightedMix mix = WeightedMix.of(weights);
    for (long start = 0; start < 50; start++) {
      int[] seen = new int[weights.length];
      for (long k = start; k < start + mix.period(); k++) {
        seen[mix.pick(k)]++;
      }
      assertArrayEquals(weights, seen, "window from " + start);
    }
  }

  @Test
  void zeroTotalWeightIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> WeightedMix.of(new int[] {0, 0}));
  }
}
