package dev.headroom.report;

/**
 * The generator's own state in an interval, so a result can tell a slow target from a slow
 * generator.
 *
 * @param sendLagP99Us 99th percentile of actual minus intended send time, microseconds
 * @param sendLagMaxUs the largest such lag
 * @param cpu CPU use of the worker's busiest event-loop thread over the interval, as a fraction
 *     of one core (one event loop cannot use more)
 * @param maxStallMs the longest event-loop stall seen
 * @param saturated lag p99, CPU or a stall crossed its limit: the generator may have been the
 *     bottleneck
 * @param sendLag the send lags themselves, in microseconds ({@link HistogramCodec} form), so that a
 *     run's lag percentiles come from merged histograms rather than from per-interval figures;
 *     null from workers that predate it
 */
public record GeneratorHealth(
    long sendLagP99Us, long sendLagMaxUs, double cpu, long maxStallMs, boolean saturated, String sendLag) {

  public static final GeneratorHealth IDLE = new GeneratorHealth(0, 0, 0, 0, false, null);
}
