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
 * What a regression compares, and a report draws, of one finished run: its latency figures line by
 * line of its merged interval log, the whole run's histogram, its error count and its capacity. Read
 * the same way for a run that just ended and for its baseline, from a status and its interval log.
 *
 * <p>The log is read as a stream, one decoded histogram at a time besides the whole run's: a
 * decoded line is ~190 KB, and a baseline and a run of 600 lines each would otherwise take
 * hundreds of megabytes of an operator's heap.
 *
 * @param label how the run is named in messages, such as {@code nightly-29925120 run 1}
 * @param intervals each line's figures, in time order (lines merged {@code group} at a time)
 * @param merged every recorded latency of the run
 * @param capacity null for a run that did not search for capacity
 */
public record RunFigures(String label, List<IntervalFigures> intervals, Histogram merged, long requests, long errors,
    CapacityResult capacity, String log, int group) {

  /**
   * @throws IllegalArgumentException when the status has no summary or the log cannot be read
   */
  public static RunFigures of(String label, LoadTestStatus status, String intervalLog) {
    Summary summary = status.getSummary();
    if (summary == null || summary.requests() == null) {
      throw new IllegalArgumentException(label + " has no results (no status.summary)");
    }
    if (intervalLog == null || intervalLog.isBlank()) {
      throw new IllegalArgumentException(label + " has no interval log");
    }
    long errors = summary.errors() == null ? 0 : summary.errors();
    return read(label, intervalLog, 1, summary.requests(), errors, status.getCapacity());
  }

  /**
   * Figures from histograms at hand (each with its start and end time stamps), as if read from a
   * log of them: for tests of what reads the figures.
   */
  static RunFigures of(String label, List<Histogram> lines, long requests, long errors, CapacityResult capacity) {
    Histogram all = newMerged();
    List<IntervalFigures> figures = new ArrayList<>();
    for (Histogram h : lines) {
      all.add(h);
      figures.add(IntervalFigures.of(h));
    }
    return new RunFigures(label, List.copyOf(figures), all, requests, errors, capacity,
        IntervalLog.write(lines), 1);
  }

  private static RunFigures read(String label, String log, int group, long requests, long errors,
      CapacityResult capacity) {
    Histogram all = newMerged();
    List<IntervalFigures> figures = new ArrayList<>();
    Histogram window = null;
    int inWindow = 0;
    try {
      HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
      for (EncodableHistogram e = reader.nextIntervalHistogram(); e != null; e = reader.nextIntervalHistogram()) {
        Histogram h = (Histogram) e;
        all.add(h);
        if (window == null) {
          window = h;
        } else {
          window.add(h);
          window.setEndTimeStamp(h.getEndTimeStamp());
        }
        if (++inWindow == group) {
          figures.add(IntervalFigures.of(window));
          window = null;
          inWindow = 0;
        }
      }
    } catch (RuntimeException ex) {
      throw new IllegalArgumentException(label + "'s interval log cannot be read: " + ex.getMessage(), ex);
    }
    if (window != null) {
      figures.add(IntervalFigures.of(window));
    }
    return new RunFigures(label, List.copyOf(figures), all, requests, errors, capacity, log, group);
  }

  private static Histogram newMerged() {
    Histogram all = new Histogram(3);
    all.setAutoResize(true);
    return all;
  }

  /** The typical length of a line: one second, or more where a long run's log was coarsened. */
  long widthMs() {
    long[] widths = intervals.stream().mapToLong(i -> i.endMs() - i.startMs()).sorted().toArray();
    return widths.length == 0 ? 0 : Math.max(1, widths[widths.length / 2]);
  }

  /**
   * The same run read again with lines merged {@code factor} at a time (exactly: histograms
   * added), so its per-interval figures are over stretches as long as another run's.
   */
  RunFigures coarsened(int factor) {
    return factor <= 1 ? this : read(label, log, group * factor, requests, errors, capacity);
  }

  /** The metric of each interval that had responses. */
  double[] perInterval(Metric metric) {
    return intervals.stream().filter(i -> i.responses() > 0).mapToDouble(i -> i.micros(metric)).toArray();
  }

  Measured measured() {
    return new Measured(requests, errors, 0, null);
  }
}
