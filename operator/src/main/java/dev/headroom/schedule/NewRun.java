package dev.headroom.schedule;

import dev.headroom.api.v1alpha1.Regression;
import java.time.Instant;

/**
 * The LoadTest a firing creates.
 *
 * @param regression the schedule's, {@code Previous} pinned to a run's name; null when it has none
 */
public record NewRun(String name, Instant scheduledTime, Regression regression) {}
