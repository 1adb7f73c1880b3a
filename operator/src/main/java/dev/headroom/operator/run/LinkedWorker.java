package dev.headroom.operator.run;

import dev.headroom.collect.WorkerControl;
import dev.headroom.report.IntervalBatch;
import io.vertx.core.Future;

/**
 * One worker of a run as the operator reaches it, which can be cut off once its pod is known to be
 * gone: it is counted lost at once, with what its pod said, instead of after failed pulls to a dead
 * address, and every call to it fails without going out.
 */
final class LinkedWorker implements WorkerControl {

  private final int index;
  private final WorkerEndpoint endpoint;
  private final WorkerControl control;
  private volatile WorkerFaults.Fault lost;

  private LinkedWorker(int index, WorkerEndpoint endpoint, WorkerControl control, WorkerFaults.Fault lost) {
    this.index = index;
    this.endpoint = endpoint;
    this.control = control;
    this.lost = lost;
  }

  static LinkedWorker linked(WorkerEndpoint endpoint, WorkerControl control) {
    return new LinkedWorker(endpoint.index(), endpoint, control, null);
  }

  /** A worker whose pod was already gone when the operator took up the run. */
  static LinkedWorker missing(int index, String why) {
    return new LinkedWorker(index, null, null, new WorkerFaults.Fault("PodGone", why));
  }

  /** The pod it was reached at; null for a missing worker. */
  WorkerEndpoint endpoint() {
    return endpoint;
  }

  /** The first cause found stays: a pod's later states only say how it ended after that. */
  synchronized void cutOff(WorkerFaults.Fault why) {
    if (lost == null) {
      lost = why;
    }
  }

  /** Why it was cut off, or null. */
  WorkerFaults.Fault lost() {
    return lost;
  }

  @Override
  public String lostBecause() {
    return lost == null ? null : lost.message();
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public Future<Boolean> ready() {
    return lost != null ? Future.succeededFuture(false) : control.ready();
  }

  @Override
  public Future<Long> start(long startAtEpochMs) {
    return lost != null ? gone() : control.start(startAtEpochMs);
  }

  @Override
  public Future<Long> rate(int step, double totalRate, long atEpochMs) {
    return lost != null ? gone() : control.rate(step, totalRate, atEpochMs);
  }

  @Override
  public Future<IntervalBatch> intervals(long after, long ack) {
    return lost != null ? gone() : control.intervals(after, ack);
  }

  @Override
  public Future<Void> stop() {
    return lost != null ? gone() : control.stop();
  }

  private <T> Future<T> gone() {
    return Future.failedFuture(new IllegalStateException("worker " + index + " is lost: " + lost.message()));
  }
}
