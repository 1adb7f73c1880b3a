package dev.headroom.results;

import dev.headroom.report.HistogramCodec;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Counts and one latency histogram for some slice of a run (all of it, a stage, a request), grown
 * only by adding. Its span is the union of the times of the intervals it covers.
 */
final class Tally {

  final Histogram latency = HistogramCodec.newHistogram();
  final Map<String, Long> errorsByKind = new TreeMap<>();
  long requests;
  long errors;
  private long firstStartMs = Long.MAX_VALUE;
  private long lastEndMs = Long.MIN_VALUE;

  void add(long requests, Map<String, Long> errorsByKind, Histogram latency) {
    this.requests += requests;
    errorsByKind.forEach(
        (kind, n) -> {
          this.errors += n;
          this.errorsByKind.merge(kind, n, Long::sum);
        });
    this.latency.add(latency);
  }

  /** Widens the span to an interval, whether or not it carried traffic. */
  void cover(long startMs, long endMs) {
    firstStartMs = Math.min(firstStartMs, startMs);
    lastEndMs = Math.max(lastEndMs, endMs);
  }

  /** The first covered interval's start (epoch ms); {@code Long.MAX_VALUE} before any. */
  long startMs() {
    return firstStartMs;
  }

  /** From the first covered interval's start to the last one's end; 0 before any. */
  long spanMs() {
    return lastEndMs < firstStartMs ? 0 : lastEndMs - firstStartMs;
  }

  ResultsCheckpoint.TallyState state() {
    return new ResultsCheckpoint.TallyState(requests, errors, new TreeMap<>(errorsByKind), firstStartMs, lastEndMs,
        HistogramCodec.encode(latency));
  }

  static Tally of(ResultsCheckpoint.TallyState state) {
    Tally t = new Tally();
    t.requests = state.requests();
    t.errors = state.errors();
    t.errorsByKind.putAll(state.errorsByKind());
    t.firstStartMs = state.firstStartMs();
    t.lastEndMs = state.lastEndMs();
    t.latency.add(HistogramCodec.decode(state.latency()));
    return t;
  }

  Measured measured(long millis) {
    return new Measured(requests, errors, millis, latency.copy());
  }
}
