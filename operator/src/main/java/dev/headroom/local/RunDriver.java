package dev.headroom.local;

import dev.headroom.api.v1alpha1.Progress;
import dev.headroom.collect.IntervalCollector;
import dev.headroom.collect.WorkerControl;
import dev.headroom.results.RunResults;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one run to its end from a plain thread: waits for every worker to be ready, starts them
 * at one instant, pulls intervals once a second into the results, and stops the workers early
 * when cancelled. The same steps the operator takes, written as a loop.
 */
public final class RunDriver {

  /** How far ahead of "now" workers are told to start, so every one gets the word in time. */
  static final Duration START_LEAD = Duration.ofMillis(500);
  static final Duration PULL_EVERY = Duration.ofSeconds(1);

  /** Hears about the run as it goes. */
  public interface Listener {
    void started(long startAtEpochMs);

    void progress(Optional<Progress> progress);
  }

  private final List<WorkerControl> workers;
  private final RunResults results;
  private final Listener listener;
  private volatile boolean cancelled;
  private boolean stopSent;

  public RunDriver(List<WorkerControl> workers, RunResults results, Listener listener) {
    this.workers = List.copyOf(workers);
    this.results = results;
    this.listener = listener;
  }

  /** Asks the run to stop early; what was measured so far is kept. Callable from any thread. */
  public void cancel() {
    cancelled = true;
  }

  public boolean cancelled() {
    return cancelled;
  }

  /** How the run went, beyond its results. */
  public record Outcome(long startAtEpochMs, int lostWorkers) {}

  /**
   * Runs to the end.
   *
   * @throws RunException when the workers cannot be made ready or started
   */
  public Outcome run(Duration readyTimeout) {
    awaitReady(readyTimeout);
    long startAt = System.currentTimeMillis() + START_LEAD.toMillis();
    await(Future.all(workers.stream().map(w -> w.start(startAt)).toList()), "starting the workers");
    listener.started(startAt);
    IntervalCollector collector = new IntervalCollector(workers, results::add);
    long next = System.nanoTime();
    while (true) {
      if (cancelled && !stopSent) {
        stopSent = true;
        Future.join(workers.stream().map(WorkerControl::stop).toList()).await();
      }
      collector.pullOnce().await();
      listener.progress(results.progress());
      if (collector.done()) {
        return new Outcome(startAt, collector.lostCount());
      }
      next += PULL_EVERY.toNanos();
      LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Future<Boolean>> asked = workers.stream().map(WorkerControl::ready).toList();
      Future.join(asked).await();
      if (asked.stream().allMatch(f -> Boolean.TRUE.equals(f.result()))) {
        return;
      }
      if (System.nanoTime() > deadline || cancelled) {
        throw new RunException("workers were not ready within " + timeout.toSeconds() + "s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  private static <T> T await(Future<T> f, String what) {
    try {
      return f.await();
    } catch (Exception e) {
      throw new RunException(what + ": " + e.getMessage());
    }
  }

  /** The run could not go ahead; the message says why. */
  public static final class RunException extends RuntimeException {
    public RunException(String message) {
      super(message, null, false, false);
    }
  }
}
