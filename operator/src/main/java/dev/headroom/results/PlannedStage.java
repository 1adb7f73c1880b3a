package dev.headroom.results;

import dev.headroom.plan.Durations;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.Load;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Stage;
import java.util.List;

/**
 * What a stage was meant to do, to compare with what it did. Rates are totals across workers, per
 * second of what the plan sends: requests, or journeys for a plan of scenarios.
 *
 * @param durationNanos the planned length
 * @param fromRps the rate at the stage's start; null for the Closed model, which has no target rate
 * @param toRps the rate at its end: {@code fromRps} but for a ramp, which changes linearly between
 */
public record PlannedStage(long durationNanos, Double fromRps, Double toRps) {

  private static final double NANOS_PER_SECOND = 1e9;

  public PlannedStage {
    if ((fromRps == null) != (toRps == null)) {
      throw new IllegalArgumentException("a stage has both ends of its rate or neither");
    }
  }

  /** A stage at one rate; null for the Closed model. */
  public PlannedStage(long durationNanos, Double rps) {
    this(durationNanos, rps, rps);
  }

  /** The stages of a compiled plan. */
  public static List<PlannedStage> of(ExecutionPlan plan) {
    boolean open = plan.model() == LoadModel.Open;
    return plan.stages().stream()
        .map(p -> open
            ? new PlannedStage(p.durationNanos(), p.rate(), p.rampTo())
            : new PlannedStage(p.durationNanos(), null))
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
    return load.stages().stream().map(s -> of(s, open)).toList();
  }

  private static PlannedStage of(Stage s, boolean open) {
    long nanos = Durations.parse(s.duration()).toNanos();
    if (!open) {
      return new PlannedStage(nanos, null);
    }
    double rate = s.rate() == null ? 0 : s.rate();
    return new PlannedStage(nanos, rate, s.rampTo() == null ? rate : s.rampTo());
  }

  /** The target rate: the mean of a ramp's ends (its mean rate); null for the Closed model. */
  public Double targetRps() {
    return fromRps == null ? null : (fromRps + toRps) / 2;
  }

  /**
   * The requests due, across workers, between {@code fromNanos} and {@code toNanos} into the stage
   * (each clamped to the stage): the rate integrated over that time; null for the Closed model.
   */
  public Double requestsBetween(long fromNanos, long toNanos) {
    if (fromRps == null) {
      return null;
    }
    double a = Math.max(0, Math.min(fromNanos, durationNanos)) / NANOS_PER_SECOND;
    double b = Math.max(0, Math.min(toNanos, durationNanos)) / NANOS_PER_SECOND;
    if (b <= a) {
      return 0.0;
    }
    double slope = (toRps - fromRps) / (durationNanos / NANOS_PER_SECOND);
    return fromRps * (b - a) + slope * (b * b - a * a) / 2;
  }
}
