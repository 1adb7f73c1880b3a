package dev.headroom.results;

import dev.headroom.plan.Durations;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.Load;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Stage;
import java.util.List;

/**
 * What a stage was meant to do, to compare with what it did.
 *
 * @param durationNanos the planned length
 * @param targetRps the target rate, the mean of {@code rate} and {@code rampTo} for a ramp (the
 *     mean rate of a linear ramp); null for the Closed model, which has no target rate
 */
public record PlannedStage(long durationNanos, Double targetRps) {

  /** The stages of a compiled plan. */
  public static List<PlannedStage> of(ExecutionPlan plan) {
    boolean open = plan.model() == LoadModel.Open;
    return plan.stages().stream()
        .map(p -> new PlannedStage(p.durationNanos(), open ? (p.rate() + p.rampTo()) / 2 : null))
        .toList();
  }

  /**
   * The stages of a spec's {@code load}, which needs no secrets, unlike compiling a plan.
   *
   * @throws IllegalArgumentException when a duration does not parse (validation lets none through)
   */
  public static List<PlannedStage> of(Load load) {
    if (load == null || load.stages() == null) {
      return List.of();
    }
    boolean open = load.model() != LoadModel.Closed;
    return load.stages().stream()
        .map(s -> new PlannedStage(Durations.parse(s.duration()).toNanos(), open ? target(s) : null))
        .toList();
  }

  private static double target(Stage s) {
    double rate = s.rate() == null ? 0 : s.rate();
    double rampTo = s.rampTo() == null ? rate : s.rampTo();
    return (rate + rampTo) / 2;
  }
}
