package dev.headroom.operator.run;

import dev.headroom.collect.WorkerControl;
import dev.headroom.report.IntervalBatch;
import io.vertx.core.Future;

/**
 * One worker of a run as the operator reaches it, which can be cut off once its pod is known to be
 * gone: pulls then fail at once instead of waiting for a dead address to time out, and the
 * collector counts the worker lost after its usual number of failed pulls.
 */
final class LinkedWorker implements WorkerControl {

  private final int index;
  private final WorkerEndpoint endpoint;
  private final WorkerControl control;
  private volatile String lostBecause;

  private LinkedWorker(int index, WorkerEndpoint endpoint, WorkerControl control, String lostBecause) {
    this.index = index;
    this.endpoint = endpoint;
    this.control = control;
    this.lostBecause = lostBecause;
  }

  static LinkedWorker linked(WorkerEndpoint endpoint, WorkerControl control) {
    return new LinkedWorker(endpoint.index(), endpoint, control, null);
  }

  /** A worker whose pod was already gone when the operator took up the run. */
  static LinkedWorker missing(int index, String why) {
    return new LinkedWorker(index, null, null, why);
  }

  /** The pod it was reached at; null for a missing worker. */
  WorkerEndpoint endpoint() {
    return endpoint;
  }

  void cutOff(String why) {
    if (lostBecause == null) {
      lostBecause = why;
    }
  }

  /** Why it was cut off, or null. */
  @Override
  public String lostBecause() {
    return lostBecause;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public Future<Boolean> ready() {
    return lostBecause != null ? Future.succeededFuture(false) : control.ready();
  }

  @Override
  public Future<Long> start(long startAtEpochMs) {
    return lostBecause != null ? gone() : control.start(startAtEpochMs);
  }

  @Override
  public Future<Long> rate(int step, double totalRate, long atEpochMs) {
    return lostBecause != null ? gone() : control.rate(step, totalRate, atEpochMs);
  }

  @Override
  public Future<IntervalBatch> intervals(long after, long ack) {
    return lostBecause != null ? gone() : control.intervals(after, ack);
  }

  @Override
  public Future<Void> stop() {
    return lostBecause != null ? gone() : control.stop();
  }

  private <T> Future<T> gone() {
    return Future.failedFuture(new IllegalStateException("worker " + index + " is lost: " + lostBecause));
  }
}
