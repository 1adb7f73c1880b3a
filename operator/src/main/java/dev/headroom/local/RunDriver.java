package dev.headroom.local;

import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.collect.WorkerControl;
import dev.headroom.session.RunSession;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one {@link RunSession} to its end from a plain thread: waits for every worker to be ready,
 * starts them at one instant, advances the session once a second (pulls, capacity steps), and stops
 * the workers early when cancelled, acknowledging what it merged so the workers keep only the last
 * second. The operator advances the same session once per reconcile.
 */
public final class RunDriver {

  /** How far ahead of "now" workers are told to start, so every one gets the word in time. */
  static final Duration START_LEAD = Duration.ofMillis(500);
  static final Duration PULL_EVERY = Duration.ofSeconds(1);

  /** Hears about the run as it goes. */
  public interface Listener {
    void started(long startAtEpochMs);

    /** After every look at the run. */
    void progress(RunSession session);
  }

  private final List<WorkerControl> workers;
  private final RunSession session;
  private final Listener listener;
  private volatile boolean cancelled;

  public RunDriver(List<WorkerControl> workers, LoadTestSpec spec, Listener listener) {
    this.workers = List.copyOf(workers);
    this.session = new RunSession(spec, workers, List.of(), () -> {});
    this.listener = listener;
  }

  /** Asks the run to stop early; what was measured so far is kept. Callable from any thread. */
  public void cancel() {
    cancelled = true;
  }

  public boolean cancelled() {
    return cancelled;
  }

  public RunSession session() {
    return session;
  }

  /**
   * Runs to the end.
   *
   * @return the instant the workers started at
   * @throws RunException when the workers cannot be made ready or started
   * @throws dev.headroom.session.RunFailure when they fall out of step
   */
  public long run(Duration readyTimeout) {
    awaitReady(readyTimeout);
    long startAt = session.start(System.currentTimeMillis() + START_LEAD.toMillis());
    listener.started(startAt);
    long next = System.nanoTime();
    while (true) {
      if (cancelled) {
        session.stop();
      }
      session.advance(Instant.now());
      // What is merged here is the record (there is no restart to survive): workers drop it at once.
      session.acknowledgeMerged();
      listener.progress(session);
      if (session.done()) {
        return startAt;
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

  /** The run could not go ahead; the message says why. */
  public static final class RunException extends RuntimeException {
    public RunException(String message) {
      super(message, null, false, false);
    }
  }
}
