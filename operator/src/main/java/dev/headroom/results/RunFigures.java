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

  /** The typical length of a line of the log: one second, or more where a long run was coarsened. */
  long widthMs() {
    long[] widths = intervals.stream().mapToLong(h -> h.getEndTimeStamp() - h.getStartTimeStamp()).sorted().toArray();
    return widths.length == 0 ? 0 : Math.max(1, widths[widths.length / 2]);
  }

  /**
   * The same run with lines merged {@code factor} at a time (exactly: histograms added), so its
   * per-interval figures are over stretches as long as another run's.
   */
  RunFigures coarsened(int factor) {
    if (factor <= 1) {
      return this;
    }
    List<Histogram> out = new ArrayList<>();
    for (int from = 0; from < intervals.size(); from += factor) {
      Histogram merged = intervals.get(from).copy();
      intervals.subList(from + 1, Math.min(intervals.size(), from + factor)).forEach(merged::add);
      merged.setStartTimeStamp(intervals.get(from).getStartTimeStamp());
      merged.setEndTimeStamp(intervals.get(Math.min(intervals.size(), from + factor) - 1).getEndTimeStamp());
      out.add(merged);
    }
    return new RunFigures(label, out, requests, errors, capacity);
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
