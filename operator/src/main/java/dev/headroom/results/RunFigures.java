package dev.headroom.results;

import dev.headroom.api.v1alpha1.CapacityResult;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.Summary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * What a regression compares of one finished run: its latencies interval by interval (from the
 * merged interval log of its results), its error count, and its capacity. Read the same way for a
 * run that just ended and for its baseline, from a status and its interval log.
 *
 * @param label how the run is named in messages, such as {@code nightly-29925120 run 1}
 * @param intervals the merged histogram of each line of the interval log, in time order
 * @param capacity null for a run that did not search for capacity
 */
public record RunFigures(String label, List<Histogram> intervals, long requests, long errors, CapacityResult capacity) {

  /**
   * @throws IllegalArgumentException when the status has no summary or the log cannot be read
   */
  public static RunFigures of(String label, LoadTestStatus status, String intervalLog) {
    Summary summary = status.getSummary();
    if (summary == null || summary.requests() == null) {
      throw new IllegalArgumentException(label + " has no results (no status.summary)");
    }
    long errors = summary.errors() == null ? 0 : summary.errors();
    return new RunFigures(label, intervals(label, intervalLog), summary.requests(), errors, status.getCapacity());
  }

  private static List<Histogram> intervals(String label, String log) {
    if (log == null || log.isBlank()) {
      throw new IllegalArgumentException(label + " has no interval log");
    }
    List<Histogram> out = new ArrayList<>();
    try {
      HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
      for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
        out.add((Histogram) h);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(label + "'s interval log cannot be read: " + e.getMessage(), e);
    }
    return out;
  }

  /** Every interval merged: the whole run's latencies. */
  Histogram merged() {
    Histogram all = new Histogram(3);
    all.setAutoResize(true);
    intervals.forEach(all::add);
    return all;
  }

  /** The metric of each interval that had responses. */
  double[] perInterval(Metric metric) {
    return intervals.stream().filter(h -> h.getTotalCount() > 0).mapToDouble(metric::micros).toArray();
  }

  Measured measured() {
    return new Measured(requests, errors, 0, null);
  }
}
