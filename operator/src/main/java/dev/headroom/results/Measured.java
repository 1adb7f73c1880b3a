package dev.headroom.results;

import org.HdrHistogram.Histogram;

/**
 * What was measured over some slice of a run, in numbers: the input of threshold and SLO checks.
 *
 * @param millis the measured time the rate is over
 * @param latency a copy of the merged histogram, microseconds
 */
public record Measured(long requests, long errors, long millis, Histogram latency) {

  /** Achieved requests per second, unrounded. */
  public double rps() {
    return Rates.perSecond(requests, millis);
  }

  /** Failed share of requests, 0 when there were none. */
  public double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }
}
