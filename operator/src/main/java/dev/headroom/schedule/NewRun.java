package dev.headroom.schedule;

import dev.headroom.api.v1alpha1.Regression;
import java.time.Instant;
import java.util.List;

/**
 * The LoadTest a firing creates.
 *
 * @param regression the schedule's, {@code Previous} pinned to a run's name; null when it has none
 * @param replacing the runs still going that are deleted for it (concurrencyPolicy Replace)
 */
public record NewRun(String name, Instant scheduledTime, Regression regression, List<String> replacing) {

  public NewRun {
    replacing = List.copyOf(replacing);
  }
}
