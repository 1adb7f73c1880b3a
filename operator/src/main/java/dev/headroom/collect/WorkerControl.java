package dev.headroom.collect;

import dev.headroom.report.IntervalBatch;
import io.vertx.core.Future;

/**
 * The operator's side of one worker's control port. Behind an interface so the collection logic
 * can be tested with workers that fail on cue, while the real one speaks HTTP.
 */
public interface WorkerControl {

  /** Which worker this is (its index), for messages. */
  int index();

  /** Succeeds with true once the worker has its plan and has tried its connections. */
  Future<Boolean> ready();

  /**
   * Starts the worker's plan at {@code startAtEpochMs}. Succeeds with the instant the worker runs
   * its plan from: the one asked for, or the one it had started at already (a start sent by an
   * operator that went away before it could say so in the status).
   */
  Future<Long> start(long startAtEpochMs);

  /**
   * From {@code atEpochMs} on, the whole run sends {@code totalRate} requests/s as stage {@code
   * step}. Succeeds with the instant the step took effect: the one asked for, or the one it took
   * effect at already (a change sent before, by an operator that went away).
   */
  Future<Long> rate(int step, double totalRate, long atEpochMs);

  /**
   * Every finished interval the worker keeps after {@code after}, once it has dropped those up to
   * {@code ack} (recorded durably by the caller; -1 for none).
   */
  Future<IntervalBatch> intervals(long after, long ack);

  Future<Void> stop();

  /**
   * Why this worker is known to be gone without asking it (its pod was deleted or ended), or null;
   * a worker gone is lost at once.
   */
  default String lostBecause() {
    return null;
  }

  /**
   * Whether failed pulls alone may count this worker lost yet: at once, unless overridden. The
   * operator first gives a silent worker's pod a while to say why, since the kernel's OOM kill shows
   * on the pod a moment after the worker stops answering, and the run should name that cause.
   */
  default boolean silenceMeansLost() {
    return true;
  }
}
