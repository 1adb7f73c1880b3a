package dev.headroom.operator.run;

import dev.headroom.collect.WorkerControl;
import dev.headroom.report.IntervalBatch;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * One worker of a run as the operator reaches it, which can be cut off once its pod is known to be
 * gone: it is counted lost at once, with what its pod said, instead of after failed pulls to a dead
 * address, and every call to it fails without going out.
 *
 * <p>A worker that stops answering while its pod still looks alive is given {@link #POD_WORD_GRACE}
 * for the pod to say why before the silence alone counts it lost: a real kubelet reports an OOM
 * kill a few seconds after the process dies, and a run failed meanwhile would say "no answer"
 * instead of "OOMKilled".
 */
final class LinkedWorker implements WorkerControl {

  static final Duration POD_WORD_GRACE = Duration.ofSeconds(20);

  private final int index;
  private final WorkerEndpoint endpoint;
  private final WorkerControl control;
  private volatile WorkerFaults.Fault lost;
  private Instant silentSince;
  private volatile boolean silenceOverdue;

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

  /**
   * Starts, checks or ends the wait for the pod's word.
   *
   * @param silent whether its pulls have failed too often in a row to wait on it longer
   */
  synchronized void reviewSilence(boolean silent, Instant now) {
    if (!silent) {
      silentSince = null;
      silenceOverdue = false;
      return;
    }
    if (silentSince == null) {
      silentSince = now;
    }
    silenceOverdue = !now.isBefore(silentSince.plus(POD_WORD_GRACE));
  }

  @Override
  public boolean silenceMeansLost() {
    return silenceOverdue;
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
