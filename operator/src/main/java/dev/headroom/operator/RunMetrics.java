package dev.headroom.operator;

import dev.headroom.capacity.CapacitySearch;
import dev.headroom.results.RunResults;
import dev.headroom.session.RunSession;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Live metrics of the runs this operator drives, one set of series per LoadTest, read from the
 * merged intervals after every pull (not from status writes, which are rate-limited):
 *
 * <ul>
 *   <li>{@code headroom_run_requests_total{namespace,name,request}} and {@code
 *       headroom_run_errors_total{namespace,name,request,kind}}: the run's measured totals (warmup
 *       excluded), so at the end of a run they equal {@code status.summary.requests} and {@code
 *       .errors}. A new run of the same LoadTest removes the series and registers them afresh from
 *       zero, which Prometheus reads as a counter reset: {@code increase()} stays right, and the
 *       value always is the current run's.
 *   <li>gauges of the last settled interval: {@code headroom_run_achieved_rps} (requests per
 *       second, whatever the plan), {@code headroom_run_latency_seconds{quantile}}, {@code
 *       headroom_run_send_lag_seconds} (p99), {@code headroom_run_workers{state}}, and the plan's
 *       rate in its own unit. A plan of requests has {@code headroom_run_target_rps} and, for a
 *       capacity search, {@code headroom_run_capacity_step_rps}. A plan of scenarios, whose rates
 *       count journeys, has {@code headroom_run_target_journeys_per_second} (a search's current step
 *       too) beside {@code headroom_run_achieved_journeys_per_second} instead: no series sets a
 *       target of journeys beside achieved requests, as {@code status.summary} does not.
 *   <li>{@code headroom_runs_total{namespace,name,verdict}}: runs ended, by verdict (Pass, Fail) or,
 *       for a run that ended without one, its phase (Failed, Cancelled).
 * </ul>
 *
 * <p>Labels are bounded: namespace, LoadTest name, request name (from the spec), error kind
 * (timeout, connect, status_503: bounded by HTTP's codes). A run's series go {@code retention} after
 * its end (at the next scrape); {@code headroom_runs_total} stays while the LoadTest exists, because
 * a counter that vanishes minutes after its only increment is one {@code increase()} never sees.
 * All of a LoadTest's series go at once when it is deleted. Only the leader drives runs, so
 * standbys export none of this.
 */
public final class RunMetrics {

  /** Label values of {@code headroom_runs_total}, all registered at zero so a first run counts. */
  static final List<String> OUTCOMES = List.of("Pass", "Fail", "Failed", "Cancelled");
  static final Map<String, Double> QUANTILES = quantiles();

  private final MeterRegistry registry;
  private final Duration retention;
  private final Map<String, Tracked> byLoadTest = new HashMap<>();

  public RunMetrics(MeterRegistry registry, Duration retention) {
    this.registry = registry;
    this.retention = retention;
  }

  private static Map<String, Double> quantiles() {
    Map<String, Double> q = new LinkedHashMap<>();
    q.put("0.5", 50.0);
    q.put("0.9", 90.0);
    q.put("0.99", 99.0);
    return q;
  }

  /**
   * What one look at a run shows, in plain numbers: the input of every series.
   *
   * @param journeys whether the plan's rates count journeys (scenarios) rather than requests
   * @param targetRate the plan's rate in the last interval, per second of what it counts
   * @param achievedRps requests per second in the last interval, whatever the plan counts
   * @param achievedJourneysPerSecond journeys started per second in the last interval; NaN for a
   *     plan of requests
   * @param capacityStepRps a capacity search's current step in a plan of requests; null otherwise
   *     (a search of scenarios steps journeys: its step is its {@code targetRate})
   */
  public record Figures(Map<String, RunResults.RequestTotals> requests, boolean journeys, double targetRate,
      double achievedRps, double achievedJourneysPerSecond, Map<String, Double> latencySeconds, double sendLagSeconds,
      int desired, int lost, Double capacityStepRps) {

    /**
     * The figures of {@code session} now. The target is the plan's rate during the last interval,
     * or in a capacity search (whose steps lie past the plan) the current step's rate.
     */
    public static Figures of(RunSession session, int replicas) {
      RunResults results = session.results();
      boolean journeys = results.countsJourneys();
      Optional<RunResults.LastInterval> last = results.lastInterval();
      Optional<RunResults.LastInterval> timed = last.filter(l -> l.millis() > 0);
      Double step = session.search().map(CapacitySearch::currentRate).orElse(null);
      Double target = last.map(RunResults.LastInterval::targetRps).orElse(null);
      Map<String, Double> latency = new LinkedHashMap<>();
      QUANTILES.forEach((label, percentile) -> latency.put(label,
          last.map(l -> seconds(l.latency(), percentile)).orElse(Double.NaN)));
      return new Figures(results.requestTotals(), journeys,
          target != null ? target : step != null ? step : Double.NaN,
          timed.map(l -> l.requests() * 1000.0 / l.millis()).orElse(Double.NaN),
          journeys ? timed.map(l -> l.journeys() * 1000.0 / l.millis()).orElse(Double.NaN) : Double.NaN,
          latency,
          last.map(l -> seconds(l.sendLag(), 99)).orElse(Double.NaN),
          replicas, session.lost(), journeys ? null : step);
    }

    private static double seconds(Histogram h, double percentile) {
      return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }
  }

  /**
   * The figures of run {@code run} of {@code namespace/name} after a pull: registers its series when
   * the run is new to this operator (removing the last run's), and any request or error kind seen
   * for the first time.
   */
  public synchronized void observed(String namespace, String name, int run, Figures figures) {
    String key = namespace + "/" + name;
    Tracked t = byLoadTest.get(key);
    if (t == null) {
      t = new Tracked(Tags.of("namespace", namespace, "name", name));
      byLoadTest.put(key, t);
      registerOutcomes(t);
    }
    if (t.run != run) {
      t.removeRunSeries(registry);
      t.run = run;
      t.endedAt = null;
      t.figures = figures;
      registerRunGauges(t, figures);
    }
    t.figures = figures;
    for (Map.Entry<String, RunResults.RequestTotals> e : figures.requests().entrySet()) {
      String request = e.getKey();
      if (t.counted.add(request)) {
        t.runSeries.add(FunctionCounter.builder("headroom.run.requests", t, x -> x.requests(request))
            .description("Requests of the LoadTest's current run (measured, warmup excluded)")
            .tags(t.tags).tag("request", request).register(registry));
      }
      for (String kind : e.getValue().errorsByKind().keySet()) {
        if (t.counted.add(request + "\n" + kind)) {
          t.runSeries.add(FunctionCounter.builder("headroom.run.errors", t, x -> x.errors(request, kind))
              .description("Failed requests of the LoadTest's current run, by kind")
              .tags(t.tags).tag("request", request).tag("kind", kind).register(registry));
        }
      }
    }
  }

  /**
   * Run {@code run} of {@code namespace/name} ended with {@code outcome} (one of {@link #OUTCOMES}).
   * Counted once per run, however often the end is seen (a status write that must be retried
   * ends it again); its series go {@code retention} after {@code now}.
   */
  public synchronized void ended(String namespace, String name, int run, String outcome, Instant now) {
    String key = namespace + "/" + name;
    Tracked t = byLoadTest.computeIfAbsent(key, k -> {
      Tracked fresh = new Tracked(Tags.of("namespace", namespace, "name", name));
      registerOutcomes(fresh);
      return fresh;
    });
    if (t.endedRun >= run) {
      return;
    }
    t.endedRun = run;
    t.outcomes.merge(outcome, 1L, Long::sum);
    if (t.run == run) {
      t.endedAt = now;
    }
  }

  /** Removes the series of runs that ended {@code retention} or longer before {@code now}. */
  public synchronized void expire(Instant now) {
    for (Tracked t : byLoadTest.values()) {
      if (t.endedAt != null && !now.isBefore(t.endedAt.plus(retention))) {
        t.removeRunSeries(registry);
        t.endedAt = null;
        t.run = -1;
      }
    }
  }

  /** The LoadTest is gone: every series of it goes now. */
  public synchronized void forget(String namespace, String name) {
    Tracked t = byLoadTest.remove(namespace + "/" + name);
    if (t != null) {
      t.removeRunSeries(registry);
      t.outcomeSeries.forEach(registry::remove);
    }
  }

  private void registerOutcomes(Tracked t) {
    for (String outcome : OUTCOMES) {
      t.outcomes.put(outcome, 0L);
      t.outcomeSeries.add(FunctionCounter.builder("headroom.runs", t, x -> x.outcome(outcome))
          .description("Runs of the LoadTest ended, by verdict (or phase, for a run that ended without one)")
          .tags(t.tags).tag("verdict", outcome).register(registry));
    }
  }

  /** The run's gauges; which rates it has depends on what its plan counts, known from its first figures. */
  private void registerRunGauges(Tracked t, Figures first) {
    if (first.journeys()) {
      gauge(t, "headroom.run.target.journeys.per.second",
          "Planned journeys per second during the last interval (a capacity search's current step)", Tags.empty(),
          f -> f.targetRate());
      gauge(t, "headroom.run.achieved.journeys.per.second", "Journeys started per second in the last interval",
          Tags.empty(), f -> f.achievedJourneysPerSecond());
    } else {
      gauge(t, "headroom.run.target.rps", "Planned requests per second during the last interval", Tags.empty(),
          f -> f.targetRate());
    }
    gauge(t, "headroom.run.achieved.rps", "Requests per second achieved in the last interval", Tags.empty(),
        f -> f.achievedRps());
    QUANTILES.keySet().forEach(q -> gauge(t, "headroom.run.latency.seconds",
        "Latency percentiles of the last interval, from the intended send time", Tags.of("quantile", q),
        f -> f.latencySeconds().get(q)));
    gauge(t, "headroom.run.send.lag.seconds", "99th percentile of the generator's send lag in the last interval",
        Tags.empty(), f -> f.sendLagSeconds());
    String workers = "Workers of the run: desired, ready (sending) and lost";
    gauge(t, "headroom.run.workers", workers, Tags.of("state", "desired"), f -> f.desired());
    gauge(t, "headroom.run.workers", workers, Tags.of("state", "ready"), f -> f.desired() - f.lost());
    gauge(t, "headroom.run.workers", workers, Tags.of("state", "lost"), f -> f.lost());
    if (first.capacityStepRps() != null) {
      gauge(t, "headroom.run.capacity.step.rps", "The rate of the capacity search's current step", Tags.empty(),
          f -> f.capacityStepRps() == null ? Double.NaN : f.capacityStepRps());
    }
  }

  private void gauge(Tracked t, String name, String description, Tags tags, ToDoubleFunction<Figures> value) {
    t.runSeries.add(Gauge.builder(name, t, x -> value.applyAsDouble(x.figures))
        .description(description).tags(t.tags).tags(tags).register(registry));
  }

  /** One LoadTest's series and the figures they read. */
  private static final class Tracked {
    final Tags tags;
    final List<Meter> runSeries = new ArrayList<>();
    final List<Meter> outcomeSeries = new ArrayList<>();
    /** Requests, and request-kind pairs, that have a counter in this run. */
    final Set<String> counted = new HashSet<>();
    /** Read by scrapes while a reconcile counts an end. */
    final Map<String, Long> outcomes = new ConcurrentHashMap<>();
    int run = -1;
    int endedRun = -1;
    Instant endedAt;
    volatile Figures figures;

    Tracked(Tags tags) {
      this.tags = tags;
    }

    void removeRunSeries(MeterRegistry registry) {
      runSeries.forEach(registry::remove);
      runSeries.clear();
      counted.clear();
    }

    double requests(String request) {
      RunResults.RequestTotals r = figures.requests().get(request);
      return r == null ? 0 : r.requests();
    }

    double errors(String request, String kind) {
      RunResults.RequestTotals r = figures.requests().get(request);
      return r == null ? 0 : r.errorsByKind().getOrDefault(kind, 0L);
    }

    double outcome(String outcome) {
      return outcomes.getOrDefault(outcome, 0L);
    }
  }
}
