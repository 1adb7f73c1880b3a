package dev.headroom.engine;

import dev.headroom.report.ErrorKind;
import dev.headroom.report.GeneratorHealth;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.RequestInterval;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Adds up a worker's lanes, interval by interval, and keeps the finished intervals until the run
 * is collected. Lanes call in on their own threads once a second each, so a lock is cheap here
 * and keeps the lanes themselves lock-free.
 */
final class IntervalAssembler implements LaneSink {

  private final int lanes;
  private final List<String> names;
  private final Map<Long, Partial> partial = new HashMap<>();
  private final List<IntervalReport> published = new ArrayList<>();
  private final Runnable onFinished;
  private RunClock clock;
  private long nextSeq;
  private int finishedLanes;

  IntervalAssembler(int lanes, List<String> names, Runnable onFinished) {
    this.lanes = lanes;
    this.names = names;
    this.onFinished = onFinished;
  }

  synchronized void start(RunClock runClock) {
    clock = runClock;
  }

  @Override
  public synchronized void closed(int lane, IntervalBucket bucket, double busy) {
    Partial p = partial.computeIfAbsent(bucket.seq, seq -> new Partial(names.size()));
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

  synchronized List<IntervalReport> after(long seq) {
    int from = (int) Math.max(0, Math.min(published.size(), seq + 1));
    return List.copyOf(published.subList(from, published.size()));
  }

  synchronized long published() {
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
    int lanes;
    long seq;
    int stage;
    long start;
    long end;
    double busy;
    long maxStallNanos;

    Partial(int requests) {
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
        for (int k = 0; k < errors[r].length; k++) {
          errors[r][k] += b.errors[r][k];
        }
        for (int s = 0; s < statusErrors[r].length; s++) {
          statusErrors[r][s] += b.statusErrors[r][s];
        }
      }
      lag.add(b.sendLagUs);
      busy = Math.max(busy, laneBusy);
      maxStallNanos = Math.max(maxStallNanos, b.maxStallNanos);
    }

    IntervalReport report() {
      Map<String, RequestInterval> requests = new LinkedHashMap<>();
      for (int r = 0; r < count.length; r++) {
        if (count[r] == 0) {
          continue;
        }
        Map<String, Long> errorMap = new LinkedHashMap<>();
        for (int k = 0; k < errors[r].length; k++) {
          if (errors[r][k] > 0) {
            errorMap.put(IntervalBucket.kind(k).key(), errors[r][k]);
          }
        }
        for (int s = 0; s < statusErrors[r].length; s++) {
          if (statusErrors[r][s] > 0) {
            errorMap.put(ErrorKind.statusKey(s), statusErrors[r][s]);
          }
        }
        Histogram h = latency[r] == null ? HistogramCodec.newHistogram() : latency[r];
        requests.put(names.get(r), new RequestInterval(count[r], errorMap, bytes[r], HistogramCodec.encode(h)));
      }
      long lagP99 = lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99);
      long lagMax = lag.getTotalCount() == 0 ? 0 : lag.getMaxValue();
      long stallMs = maxStallNanos / 1_000_000L;
      boolean saturated = Saturation.saturated(lag.getTotalCount(), lagP99, busy, stallMs);
      GeneratorHealth health =
          new GeneratorHealth(lagP99, lagMax, round3(busy), stallMs, saturated, HistogramCodec.encode(lag));
      return new IntervalReport(seq, stage, clock.epochMs(start), clock.epochMs(end), requests, health);
    }
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
