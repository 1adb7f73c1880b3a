package dev.headroom.results;

/**
 * How often the load generator itself was the limit: the measured worker-intervals in which a
 * worker reported send lag, CPU or event-loop stalls past its limits. The numbers behind a
 * {@code GeneratorSaturated} condition.
 *
 * @param saturated measured worker-intervals flagged saturated
 * @param intervals all measured worker-intervals
 */
public record GeneratorSaturation(long saturated, long intervals) {

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
    return "generator saturated in " + Percent.format(fraction()) + " of worker-intervals ("
        + saturated + " of " + intervals + "): add workers or CPU; the target may be faster than measured";
  }
}
