package dev.headroom.engine;

import dev.headroom.report.ErrorKind;
import dev.headroom.report.GeneratorHealth;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.JourneyInterval;
import dev.headroom.report.RequestInterval;
import dev.headroom.report.SlowRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Adds up a worker's lanes, interval by interval, and keeps the finished intervals until the
 * collector acknowledges that it recorded them durably: memory is bounded by the gap between
 * acknowledgements, not by the run's length. Lanes call in on their own threads once a second
 * each, so a lock is cheap here and keeps the lanes themselves lock-free.
 */
final class IntervalAssembler implements LaneSink {

  private final int lanes;
  private final List<String> names;
  private final List<String> journeyNames;
  private final Map<Long, Partial> partial = new HashMap<>();
  /** Finished intervals not acknowledged yet, in seq order: the head's seq is {@code acked + 1}. */
  private final ArrayDeque<IntervalReport> published = new ArrayDeque<>();
  private final Runnable onFinished;
  private RunClock clock;
  private long nextSeq;
  private long acked = -1;
  private int finishedLanes;

  IntervalAssembler(int lanes, List<String> names, List<String> journeyNames, Runnable onFinished) {
    this.lanes = lanes;
    this.names = names;
    this.journeyNames = journeyNames;
    this.onFinished = onFinished;
  }

  synchronized void start(RunClock runClock) {
    clock = runClock;
  }

  @Override
  public synchronized void closed(int lane, IntervalBucket bucket, double busy) {
    Partial p = partial.computeIfAbsent(bucket.seq, seq -> new Partial(names.size(), journeyNames.size()));
    p.add(bucket, busy);
    while (partial.containsKey(nextSeq) && partial.get(nextSeq).lanes == lanes) {
      published.add(partial.remove(nextSeq).report());
      nextSeq++;
    }
  }

  @Override
  public void finished(int lane) {
    boolean all;
    synchronized (this) {
      all = ++finishedLanes == lanes;
    }
    if (all) {
      onFinished.run();
    }
  }

  /** The finished intervals kept with a seq above {@code seq}: those acknowledged are gone. */
  synchronized List<IntervalReport> after(long seq) {
    List<IntervalReport> out = new ArrayList<>();
    for (IntervalReport r : published) {
      if (r.seq() > seq) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Drops every finished interval up to {@code seq}: the collector has recorded them. An
   * acknowledgement never goes back, and never past what was published (a collector cannot have
   * recorded what it was never sent).
   */
  synchronized void acknowledge(long seq) {
    long upTo = Math.min(seq, nextSeq - 1);
    while (!published.isEmpty() && published.peekFirst().seq() <= upTo) {
      published.removeFirst();
    }
    acked = Math.max(acked, upTo);
  }

  /** The highest seq acknowledged, -1 before any: intervals up to it are no longer served. */
  synchronized long acked() {
    return acked;
  }

  /** How many finished intervals are held: those not acknowledged yet. */
  synchronized int kept() {
    return published.size();
  }

  /** One interval as the lanes report it in, until every lane has. */
  private final class Partial {
    final Histogram[] latency;
    final long[] count;
    final long[] bytes;
    final long[][] errors;
    final long[][] statusErrors;
    final Histogram lag = HistogramCodec.newHistogram();
    final long[] journeysStarted;
    final long[] journeysCompleted;
    final Histogram[] journeyUs;
    final long[][] journeyErrors;
    final long[][] journeyStatusErrors;
    List<SlowRequest> slowest = List.of();
    int lanes;
    long seq;
    int stage;
    long start;
    long end;
    double busy;
    long maxStallNanos;

    Partial(int requests, int journeys) {
      journeysStarted = new long[journeys];
      journeysCompleted = new long[journeys];
      journeyUs = new Histogram[journeys];
      journeyErrors = new long[journeys][ErrorKind.values().length];
      journeyStatusErrors = new long[journeys][IntervalBucket.statuses()];
      latency = new Histogram[requests];
      count = new long[requests];
      bytes = new long[requests];
      errors = new long[requests][ErrorKind.values().length];
      statusErrors = new long[requests][IntervalBucket.statuses()];
    }

    void add(IntervalBucket b, double laneBusy) {
      if (lanes++ == 0) {
        seq = b.seq;
        stage = b.stage;
        start = b.start;
      }
      end = Math.max(end, b.end);
      for (int r = 0; r < count.length; r++) {
        if (b.count[r] == 0) {
          continue;
        }
        if (latency[r] == null) {
          latency[r] = HistogramCodec.newHistogram();
        }
        latency[r].add(b.latencyUs[r]);
        count[r] += b.count[r];
        bytes[r] += b.bytes[r];
        addAll(errors[r], b.errors[r]);
        addAll(statusErrors[r], b.statusErrors[r]);
      }
      lag.add(b.sendLagUs);
      for (int j = 0; j < journeysStarted.length; j++) {
        if (b.journeysStarted[j] == 0) {
          continue;
        }
        journeysStarted[j] += b.journeysStarted[j];
        journeysCompleted[j] += b.journeysCompleted[j];
        if (journeyUs[j] == null) {
          journeyUs[j] = HistogramCodec.newHistogram();
        }
        journeyUs[j].add(b.journeyUs[j]);
        addAll(journeyErrors[j], b.journeyErrors[j]);
        addAll(journeyStatusErrors[j], b.journeyStatusErrors[j]);
      }
      if (!b.slowest.isEmpty()) {
        slowest = SlowRequest.slowest(slowest, b.slowest.toList(names), SlowRequest.PER_INTERVAL);
      }
      busy = Math.max(busy, laneBusy);
      maxStallNanos = Math.max(maxStallNanos, b.maxStallNanos);
    }

    IntervalReport report() {
      Map<String, RequestInterval> requests = new LinkedHashMap<>();
      for (int r = 0; r < count.length; r++) {
        if (count[r] == 0) {
          continue;
        }
        Histogram h = latency[r] == null ? HistogramCodec.newHistogram() : latency[r];
        requests.put(names.get(r), new RequestInterval(count[r], errorMap(errors[r], statusErrors[r]), bytes[r],
            HistogramCodec.encode(h)));
      }
      Map<String, JourneyInterval> journeys = new LinkedHashMap<>();
      for (int j = 0; j < journeysStarted.length; j++) {
        if (journeysStarted[j] > 0) {
          journeys.put(journeyNames.get(j), new JourneyInterval(journeysStarted[j], journeysCompleted[j],
              errorMap(journeyErrors[j], journeyStatusErrors[j]), HistogramCodec.encode(journeyUs[j])));
        }
      }
      long lagP99 = lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99);
      long lagMax = lag.getTotalCount() == 0 ? 0 : lag.getMaxValue();
      long stallMs = maxStallNanos / 1_000_000L;
      boolean saturated = Saturation.saturated(lag.getTotalCount(), lagP99, busy, stallMs);
      GeneratorHealth health =
          new GeneratorHealth(lagP99, lagMax, round3(busy), stallMs, saturated, HistogramCodec.encode(lag));
      return new IntervalReport(seq, stage, clock.epochMs(start), clock.epochMs(end), requests, health, slowest,
          journeys);
    }
  }

  private static void addAll(long[] into, long[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  /** Counts by kind, then by unexpected status, as the wire names them; zeros left out. */
  private static Map<String, Long> errorMap(long[] byKind, long[] byStatus) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int k = 0; k < byKind.length; k++) {
      if (byKind[k] > 0) {
        out.put(IntervalBucket.kind(k).key(), byKind[k]);
      }
    }
    for (int s = 0; s < byStatus.length; s++) {
      if (byStatus[s] > 0) {
        out.put(ErrorKind.statusKey(s), byStatus[s]);
      }
    }
    return out;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
