package dev.headroom.results;

import dev.headroom.report.HistogramCodec;
import org.HdrHistogram.Histogram;

/**
 * Intervals merged across workers: one interval number, or (in a {@link TimeSeries}) a run of
 * adjacent ones. The histogram is kept in its compressed form: a live histogram of Headroom's range
 * holds ~190 KB of counts, too much to keep for each of hundreds of slots.
 */
final class Slot {

  long startMs = Long.MAX_VALUE;
  long endMs = Long.MIN_VALUE;
  long requests;
  long errors;
  private String histogram;

  Slot() {}

  /** A slot as a checkpoint wrote it. */
  Slot(long startMs, long endMs, long requests, long errors, String histogram) {
    this.startMs = startMs;
    this.endMs = endMs;
    this.requests = requests;
    this.errors = errors;
    this.histogram = histogram;
  }

  void add(long startMs, long endMs, long requests, long errors, Histogram latency) {
    this.startMs = Math.min(this.startMs, startMs);
    this.endMs = Math.max(this.endMs, endMs);
    this.requests += requests;
    this.errors += errors;
    if (latency.getTotalCount() == 0) {
      return;
    }
    if (histogram == null) {
      histogram = HistogramCodec.encode(latency);
    } else {
      Histogram merged = histogram();
      merged.add(latency);
      histogram = HistogramCodec.encode(merged);
    }
  }

  /** Adds {@code other} into this one: exact, histograms merged by {@code add}. */
  Slot merge(Slot other) {
    add(other.startMs, other.endMs, other.requests, other.errors,
        other.histogram == null ? HistogramCodec.newHistogram() : other.histogram());
    return this;
  }

  long spanMs() {
    return Math.max(0, endMs - startMs);
  }

  /** A fresh copy of the merged latencies of every worker and request in this slot. */
  Histogram histogram() {
    return histogram == null ? HistogramCodec.newHistogram() : HistogramCodec.decode(histogram);
  }

  /** The merged latencies in {@link HistogramCodec} form, null when none were recorded. */
  String encodedHistogram() {
    return histogram;
  }
}
