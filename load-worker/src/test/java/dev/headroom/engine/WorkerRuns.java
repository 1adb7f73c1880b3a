package dev.headroom.engine;

import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.RequestInterval;
import dev.headroom.testing.Await;
import dev.headroom.plan.ExecutionPlan;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/** Runs workers in this process, started together, and adds up what they report. */
final class WorkerRuns {

  private WorkerRuns() {}

  /** Every worker's intervals, after all of them finished. */
  static List<List<IntervalReport>> run(Vertx vertx, ExecutionPlan plan, int workers, LoadWorker.Options options,
      Duration deadline, Consumer<List<LoadWorker>> whileRunning) {
    List<LoadWorker> started = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      started.add(Await.result(LoadWorker.create(vertx, plan, i, workers, options), Duration.ofSeconds(10)));
    }
    long startAt = System.currentTimeMillis() + 200;
    started.forEach(w -> w.start(startAt));
    whileRunning.accept(started);
    Await.until("every worker finished", deadline,
        () -> started.stream().allMatch(w -> w.state() == LoadWorker.State.FINISHED));
    List<List<IntervalReport>> out = new ArrayList<>();
    for (LoadWorker w : started) {
      out.add(w.intervalsAfter(-1).intervals());
      Await.result(w.close(), Duration.ofSeconds(5));
    }
    return out;
  }

  static List<List<IntervalReport>> run(Vertx vertx, ExecutionPlan plan, int workers, Duration deadline) {
    return run(vertx, plan, workers, new LoadWorker.Options(1, LoadWorker.Options.DEFAULT_QUEUE), deadline, w -> {});
  }

  /** Sum over workers and intervals of one request's numbers (all requests when name is null). */
  static final class Totals {
    final Histogram latency = HistogramCodec.newHistogram();
    long count;
    long bytes;
    final java.util.Map<String, Long> errors = new java.util.TreeMap<>();
    boolean saturated;
    long maxStallMs;

    static Totals of(List<List<IntervalReport>> runs, String name) {
      Totals t = new Totals();
      for (List<IntervalReport> worker : runs) {
        for (IntervalReport r : worker) {
          t.saturated |= r.generator().saturated();
          t.maxStallMs = Math.max(t.maxStallMs, r.generator().maxStallMs());
          if (r.warmup()) {
            continue;
          }
          r.requests().forEach((n, ri) -> {
            if (name == null || name.equals(n)) {
              t.add(ri);
            }
          });
        }
      }
      return t;
    }

    private void add(RequestInterval ri) {
      latency.add(HistogramCodec.decode(ri.histogram()));
      count += ri.count();
      bytes += ri.bytes();
      ri.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
    }

    long errors() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    long micros(double percentile) {
      return latency.getValueAtPercentile(percentile);
    }
  }

  static <T> T await(Future<T> f) {
    return Await.result(f, Duration.ofSeconds(10));
  }
}
