package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.collect.IntervalCollector;
import dev.headroom.collect.WorkerControl;
import dev.headroom.results.RunResults;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A run the operator is driving, held in memory: the spec it was started from, its token, its
 * workers and the results merged so far. All of it can be rebuilt from the cluster, which is what
 * happens after an operator restart: spec and token from the run's ConfigMap and Secret, workers
 * from their pods, results by pulling every interval again (merging is idempotent).
 */
public final class ActiveRun {

  private final int run;
  private final LoadTestSpec spec;
  private final String token;
  private List<LinkedWorker> workers = List.of();
  private RunResults results;
  private IntervalCollector collector;
  private Instant progressAt;
  private boolean stopped;

  ActiveRun(int run, LoadTestSpec spec, String token) {
    this.run = run;
    this.spec = spec;
    this.token = token;
  }

  public int run() {
    return run;
  }

  /** The spec as it was when the run was created; later edits apply to the next run. */
  public LoadTestSpec spec() {
    return spec;
  }

  String token() {
    return token;
  }

  public int replicas() {
    return spec.replicas();
  }

  /**
   * Links the workers and starts merging. An index without an endpoint is lost from the start: its
   * pod was gone when the operator took the run up again.
   *
   * @param onMerged called for every interval merged for the first time (a metric)
   */
  synchronized void begin(List<WorkerEndpoint> endpoints, WorkerLinks links, Runnable onMerged) {
    Map<Integer, WorkerEndpoint> byIndex = endpoints.stream()
        .collect(Collectors.toMap(WorkerEndpoint::index, Function.identity(), (a, b) -> a, TreeMap::new));
    List<LinkedWorker> linked = new ArrayList<>();
    for (int i = 0; i < replicas(); i++) {
      WorkerEndpoint e = byIndex.get(i);
      linked.add(e == null
          ? LinkedWorker.missing(i, "its pod was gone when the operator took up the run")
          : LinkedWorker.linked(e, links.link(e, token)));
    }
    workers = List.copyOf(linked);
    results = RunResults.forPlan(spec.plan());
    progressAt = null; // the first live progress is due as soon as the run sends
    RunResults merged = results;
    collector = new IntervalCollector(List.copyOf(workers), (w, report) -> {
      if (merged.add(w, report)) {
        onMerged.run();
      }
    });
  }

  synchronized boolean begun() {
    return collector != null;
  }

  synchronized List<LinkedWorker> workers() {
    return workers;
  }

  /** The workers as controls, for calls to all of them. */
  synchronized List<WorkerControl> controls() {
    return List.copyOf(workers);
  }

  /** One pull from every worker still running. */
  Future<Void> pull() {
    return collector().pullOnce();
  }

  /** Every worker has reported its last interval, or is lost. */
  boolean done() {
    return collector().done();
  }

  /** Workers cut off or failing too many pulls in a row. */
  synchronized int lost() {
    int n = 0;
    for (int i = 0; i < workers.size(); i++) {
      if (lost(i)) {
        n++;
      }
    }
    return n;
  }

  /** "worker 1: pod x was deleted; worker 3: connection refused", for status. */
  synchronized String lostMessage() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      if (lost(i)) {
        String why = workers.get(i).lostBecause();
        parts.add("worker " + i + ": " + (why != null ? why : "no answer (" + collector.lastError(i) + ")"));
      }
    }
    return String.join("; ", parts);
  }

  private boolean lost(int i) {
    return workers.get(i).lostBecause() != null || collector.lost(i);
  }

  synchronized RunResults results() {
    return results;
  }

  /**
   * True at most once per {@code every}: live progress (ready workers while starting, then rates
   * and latencies) is written at a modest rate.
   */
  synchronized boolean progressDue(Instant now, Duration every) {
    if (progressAt == null || !now.isBefore(progressAt.plus(every))) {
      progressAt = now;
      return true;
    }
    return false;
  }

  synchronized boolean stopped() {
    return stopped;
  }

  /** The finished run's workers were told to stop; its results are no longer needed in memory. */
  synchronized void markStopped() {
    stopped = true;
    results = null;
    collector = null;
    workers = List.of();
  }

  private synchronized IntervalCollector collector() {
    if (collector == null) {
      throw new IllegalStateException("run " + run + " has not begun");
    }
    return collector;
  }
}
