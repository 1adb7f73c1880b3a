package dev.headroom.capacity;

import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.report.ErrorKind;
import dev.headroom.report.GeneratorHealth;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.RequestInterval;
import dev.headroom.results.Measured;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The intervals of the steps not judged yet, as the workers sent them (histograms still
 * compressed), so a step is judged on exactly its first N intervals: the same window whenever it is
 * judged, by this operator or by one that took the search over after a restart. Judged steps are
 * dropped, so memory holds about one step.
 */
final class StepRecorder {

  /** Judged-stage intervals by stage, then seq, then worker. */
  private final Map<Integer, NavigableMap<Long, Map<Integer, IntervalReport>>> byStage = new HashMap<>();
  private int firstKeptStep;

  /** Keeps a judged-stage interval of a step not judged yet; ignores everything else. */
  synchronized void add(int worker, IntervalReport report) {
    int stage = report.stage();
    if (!CapacityPlan.isJudged(stage) || CapacityPlan.stepOf(stage) < firstKeptStep) {
      return;
    }
    byStage.computeIfAbsent(stage, s -> new TreeMap<>())
        .computeIfAbsent(report.seq(), s -> new HashMap<>())
        .putIfAbsent(worker, report);
  }

  /**
   * The lowest interval number held from {@code worker}: its worker must keep that one and those
   * after it, to judge again after a restart. {@link Long#MAX_VALUE} when none is held.
   */
  synchronized long firstSeqHeld(int worker) {
    long first = Long.MAX_VALUE;
    for (NavigableMap<Long, Map<Integer, IntervalReport>> stage : byStage.values()) {
      for (Map.Entry<Long, Map<Integer, IntervalReport>> e : stage.entrySet()) {
        if (e.getValue().containsKey(worker)) {
          first = Math.min(first, e.getKey());
          break;
        }
      }
    }
    return first;
  }

  /** Drops every step before {@code step}: they are judged. */
  synchronized void forgetBefore(int step) {
    firstKeptStep = Math.max(firstKeptStep, step);
    byStage.keySet().removeIf(stage -> CapacityPlan.stepOf(stage) < firstKeptStep);
  }

  /**
   * The first {@code intervals} intervals of a step's judged stage, as far as they are in.
   *
   * @param live the workers whose intervals a complete window needs (the others are lost)
   */
  synchronized Window window(int step, int intervals, Set<Integer> live) {
    NavigableMap<Long, Map<Integer, IntervalReport>> stage = byStage.get(CapacityPlan.judgedStage(step));
    if (stage == null || stage.isEmpty()) {
      return Window.EMPTY;
    }
    long first = stage.firstKey();
    Window.Builder w = new Window.Builder();
    for (long seq = first; seq < first + intervals; seq++) {
      Map<Integer, IntervalReport> workers = stage.get(seq);
      if (workers == null || !workers.keySet().containsAll(live)) {
        break; // a window is read in order and only as far as every live worker has reported
      }
      w.add(workers.values());
    }
    return w.build();
  }

  /**
   * What a window of a step measured.
   *
   * @param intervals whole intervals in the window (every live worker reported each)
   * @param total all requests; {@code byRequest} the same per request name
   * @param saturated worker-intervals flagged saturated, of {@code workerIntervals}
   * @param notSent requests the generator never sent: they failed as {@code overload}, waiting for
   *     a connection, so the target was not offered them
   * @param sendLag the workers' send lags merged, microseconds; null when a worker did not send its
   *     lags (one that predates them), since then how late the generator was is not known
   * @param byScenario per scenario, its journeys as measured: started as requests, failed as
   *     errors, durations of completed ones as latencies (empty for a plan of requests)
   */
  record Window(int intervals, Measured total, Map<String, Measured> byRequest,
      long saturated, long workerIntervals, long notSent, Histogram sendLag, Map<String, Measured> byScenario) {

    static final Window EMPTY =
        new Window(0, new Measured(0, 0, 0, HistogramCodec.newHistogram()), Map.of(), 0, 0, 0,
            HistogramCodec.newHistogram(), Map.of());

    /** What clause {@code t} judges: one scenario's journeys, one request's requests, or all requests; null if none came. */
    Measured scope(Threshold t) {
      if (t.scenario() != null) {
        return byScenario.get(t.scenario());
      }
      return t.request() == null ? total : byRequest.get(t.request());
    }

    /** Journeys started, over all scenarios. */
    long journeys() {
      return byScenario.values().stream().mapToLong(Measured::requests).sum();
    }

    double saturatedFraction() {
      return workerIntervals == 0 ? 0 : (double) saturated / workerIntervals;
    }

    private static final class Builder {
      final Counts total = new Counts();
      final Map<String, Counts> byRequest = new LinkedHashMap<>();
      int intervals;
      long millis;
      long notSent;
      long saturated;
      long workerIntervals;
      Histogram sendLag = HistogramCodec.newHistogram();
      final Map<String, Counts> byScenario = new LinkedHashMap<>();

      void add(Iterable<IntervalReport> reports) {
        long span = 0;
        for (IntervalReport r : reports) {
          span = Math.max(span, r.endMs() - r.startMs());
          workerIntervals++;
          GeneratorHealth health = r.generator();
          if (health != null && health.saturated()) {
            saturated++;
          }
          if (health == null || health.sendLag() == null) {
            sendLag = null;
          } else if (sendLag != null) {
            sendLag.add(HistogramCodec.decode(health.sendLag()));
          }
          if (r.journeys() != null) {
            r.journeys().forEach((name, j) -> byScenario.computeIfAbsent(name, n -> new Counts())
                .add(j.started(), j.failures(), HistogramCodec.decode(j.histogram())));
          }
          if (r.requests() != null) {
            r.requests().forEach((name, ri) -> {
              notSent += ri.errors() == null ? 0 : ri.errors().getOrDefault(ErrorKind.OVERLOAD.key(), 0L);
              Histogram h = HistogramCodec.decode(ri.histogram());
              total.add(ri, h);
              byRequest.computeIfAbsent(name, n -> new Counts()).add(ri, h);
            });
          }
        }
        millis += span;
        intervals++;
      }

      Window build() {
        Map<String, Measured> requests = new LinkedHashMap<>();
        byRequest.forEach((name, c) -> requests.put(name, c.measured(millis)));
        Map<String, Measured> scenarios = new LinkedHashMap<>();
        byScenario.forEach((name, c) -> scenarios.put(name, c.measured(millis)));
        return new Window(intervals, total.measured(millis), java.util.Collections.unmodifiableMap(requests), saturated,
            workerIntervals, notSent, sendLag, java.util.Collections.unmodifiableMap(scenarios));
      }
    }

    private static final class Counts {
      final Histogram latency = HistogramCodec.newHistogram();
      long requests;
      long errors;

      void add(RequestInterval ri, Histogram h) {
        add(ri.count(), ri.errors() == null ? 0 : ri.errorCount(), h);
      }

      void add(long count, long failed, Histogram h) {
        requests += count;
        errors += failed;
        latency.add(h);
      }

      Measured measured(long millis) {
        return new Measured(requests, errors, millis, latency);
      }
    }
  }
}
