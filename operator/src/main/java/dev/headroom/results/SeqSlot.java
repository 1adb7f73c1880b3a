package dev.headroom.results;

import dev.headroom.report.HistogramCodec;
import java.util.HashSet;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * One interval number merged across the workers that reported it. The histogram is kept in its
 * compressed form: a live histogram of Headroom's range holds ~190 KB of counts, too much to keep
 * for every second of a long run.
 */
final class SeqSlot {

  final long seq;
  final int stage;
  long startMs = Long.MAX_VALUE;
  long endMs = Long.MIN_VALUE;
  long requests;
  long errors;
  private final Set<Integer> workers = new HashSet<>();
  private String histogram;

  SeqSlot(long seq, int stage) {
    this.seq = seq;
    this.stage = stage;
  }

  boolean has(int worker) {
    return workers.contains(worker);
  }

  void add(int worker, long startMs, long endMs, long requests, long errors, Histogram latency) {
    workers.add(worker);
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

  boolean warmup() {
    return stage < 0;
  }

  long spanMs() {
    return Math.max(0, endMs - startMs);
  }

  /** A fresh copy of the merged latencies of every worker and request in this interval. */
  Histogram histogram() {
    return histogram == null ? HistogramCodec.newHistogram() : HistogramCodec.decode(histogram);
  }

  /** The merged latencies in {@link HistogramCodec} form, null when none were recorded. */
  String encodedHistogram() {
    return histogram;
  }
}
