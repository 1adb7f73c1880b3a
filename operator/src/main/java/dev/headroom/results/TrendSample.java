package dev.headroom.results;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * One point of a run's measured time series, the input of {@link Trend}: about a second early in a
 * run, coarser (merged pairs, 2 s, 4 s, ... 256 s) as the run grows.
 *
 * @param latency microseconds, of the shape of {@code HistogramCodec.newHistogram()}
 */
public record TrendSample(long startMs, long endMs, long requests, long errors, Histogram latency) {

  public TrendSample {
    Objects.requireNonNull(latency, "latency");
    if (endMs < startMs || requests < 0 || errors < 0 || errors > requests) {
      throw new IllegalArgumentException(
          "not a sample: " + startMs + ".." + endMs + "ms, " + errors + " errors of " + requests + " requests");
    }
  }
}
