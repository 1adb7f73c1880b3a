package dev.headroom.operator;

import dev.headroom.api.v1alpha1.LoadTestPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Headroom's own metrics, next to JOSDK's: LoadTests by the phase of their latest run ({@code
 * headroom_loadtests{phase=...}}) and worker intervals merged ({@code
 * headroom_worker_intervals_merged_total}, the operator's unit of work); and each run's live
 * figures ({@link RunMetrics}).
 */
public final class OperatorMetrics {

  public static final Duration DEFAULT_RETENTION = Duration.ofMinutes(5);

  private final Map<String, LoadTestPhase> phases = new ConcurrentHashMap<>();
  private final MeterRegistry registry;
  private final Counter merged;
  private final RunMetrics runs;
  private boolean leading;

  /** For the one replica there is: it leads from the start. */
  public OperatorMetrics(MeterRegistry registry) {
    this(registry, DEFAULT_RETENTION, true);
  }

  /**
   * @param retention how long a finished run's series stay
   * @param leading false for a replica that waits for the lease: it exports no LoadTest counts
   *     until {@link #lead()}, since a standby's zeros would read as "no LoadTests" next to the
   *     leader's counts
   */
  public OperatorMetrics(MeterRegistry registry, Duration retention, boolean leading) {
    this.registry = registry;
    runs = new RunMetrics(registry, retention);
    merged = Counter.builder("headroom.worker.intervals.merged")
        .description("Worker intervals merged into run results for the first time")
        .register(registry);
    if (leading) {
      lead();
    }
  }

  /** This replica took the lease: from now on it counts LoadTests by phase. */
  public synchronized void lead() {
    if (leading) {
      return;
    }
    leading = true;
    for (LoadTestPhase phase : LoadTestPhase.values()) {
      Gauge.builder("headroom.loadtests", phases, m -> count(m, phase))
          .description("LoadTests by the phase of their latest run")
          .tag("phase", phase.name())
          .register(registry);
    }
  }

  /** Records the phase of a LoadTest ({@code namespace/name}); null before its first status. */
  public void phase(String loadTest, LoadTestPhase phase) {
    if (phase == null) {
      phases.remove(loadTest);
    } else {
      phases.put(loadTest, phase);
    }
  }

  public void forget(String loadTest) {
    phases.remove(loadTest);
  }

  /** The live metrics of runs. */
  public RunMetrics runs() {
    return runs;
  }

  public void intervalMerged() {
    merged.increment();
  }

  private static double count(Map<String, LoadTestPhase> phases, LoadTestPhase phase) {
    return phases.values().stream().filter(p -> p == phase).count();
  }
}
