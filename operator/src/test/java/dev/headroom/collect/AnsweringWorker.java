package dev.headroom.collect;

import dev.headroom.report.IntervalBatch;
import io.vertx.core.Future;

/**
 * A worker that answers every call at once as a healthy one would; a test overrides what it is about
 * (most often {@link #intervals}).
 */
public abstract class AnsweringWorker implements WorkerControl {

  private final int index;

  protected AnsweringWorker(int index) {
    this.index = index;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public Future<Boolean> ready() {
    return Future.succeededFuture(true);
  }

  @Override
  public Future<Long> start(long startAtEpochMs) {
    return Future.succeededFuture(startAtEpochMs);
  }

  @Override
  public Future<Long> rate(int step, double totalRate, long atEpochMs) {
    return Future.succeededFuture(atEpochMs);
  }

  @Override
  public abstract Future<IntervalBatch> intervals(long after, long ack);

  @Override
  public Future<Void> stop() {
    return Future.succeededFuture();
  }
}
