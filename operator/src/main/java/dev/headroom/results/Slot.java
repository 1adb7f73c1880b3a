package dev.headroom.results;

import dev.headroom.report.GeneratorHealth;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.SlowRequest;
import java.util.List;
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
  /** The slowest traced requests of every interval in the slot, at most {@link SlowRequest#PER_INTERVAL}. */
  List<SlowRequest> slowest = List.of();
  /** The highest send-lag p99 of any worker in any of the slot's intervals, microseconds. */
  long sendLagP99Us;
  /** Worker-intervals in the slot whose generator was saturated. */
  long saturated;

  Slot() {}

  /** A slot as a checkpoint wrote it. */
  Slot(long startMs, long endMs, long requests, long errors, String histogram, List<SlowRequest> slowest,
      long sendLagP99Us, long saturated) {
    this.startMs = startMs;
    this.endMs = endMs;
    this.requests = requests;
    this.errors = errors;
    this.histogram = histogram;
    this.slowest = slowest == null ? List.of() : List.copyOf(slowest);
    this.sendLagP99Us = sendLagP99Us;
    this.saturated = saturated;
  }

  /** One worker's interval in this slot: how its generator fared. */
  void generator(GeneratorHealth health) {
    if (health != null) {
      sendLagP99Us = Math.max(sendLagP99Us, health.sendLagP99Us());
      saturated += health.saturated() ? 1 : 0;
    }
  }

  void add(long startMs, long endMs, long requests, long errors, Histogram latency) {
    add(startMs, endMs, requests, errors, latency, List.of());
  }

  void add(long startMs, long endMs, long requests, long errors, Histogram latency, List<SlowRequest> traced) {
    if (!traced.isEmpty()) {
      slowest = SlowRequest.slowest(slowest, traced, SlowRequest.PER_INTERVAL);
    }
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
        other.histogram == null ? HistogramCodec.newHistogram() : other.histogram(), other.slowest);
    sendLagP99Us = Math.max(sendLagP99Us, other.sendLagP99Us);
    saturated += other.saturated;
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
