package dev.headroom.results;

import dev.headroom.plan.Durations;

/**
 * How often the load generator itself was the limit: the measured worker-intervals in which a
 * worker reported send lag, CPU or event-loop stalls past its limits, and the run's send lag. The
 * numbers behind a {@code GeneratorSaturated} condition.
 *
 * @param saturated measured worker-intervals flagged saturated
 * @param intervals all measured worker-intervals
 * @param sendLagP99Us the 99th percentile of every measured request's send lag (actual minus
 *     intended send time), from the workers' merged lag histograms; -1 when no worker sent them
 */
public record GeneratorSaturation(long saturated, long intervals, long sendLagP99Us) {

  /**
   * The share from which a result is labelled as limited by its generator: an isolated stall in a
   * long run is noise, one interval in twenty is not.
   */
  public static final double SIGNIFICANT = 0.05;

  public double fraction() {
    return intervals == 0 ? 0 : (double) saturated / intervals;
  }

  /** True when the result may say more about the generator than about the target. */
  public boolean significant() {
    return saturated > 0 && fraction() >= SIGNIFICANT;
  }

  /** For a condition message or a warning line. */
  public String describe() {
    String counts = Percent.format(fraction()) + " of worker-intervals (" + saturated + " of " + intervals + ")";
    String lag = sendLagP99Us < 0 ? "" : ", send lag p99 " + Durations.formatMicros(sendLagP99Us);
    return significant()
        ? "generator saturated in " + counts + lag + ": add workers or CPU; the target may be faster than measured"
        : "generator kept up: saturated in " + counts + lag;
  }
}
