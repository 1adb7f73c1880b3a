package dev.headroom.collect;

import dev.headroom.report.IntervalBatch;
import dev.headroom.report.IntervalReport;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * Pulls finished intervals from every worker, each from where the last pull left off, and feeds
 * them to a sink. Each pull carries the worker's acknowledgement, set by {@link #acknowledge} once
 * the caller has recorded intervals durably: the worker then drops them. Otherwise a pull only
 * reads: a new collector (after an operator restart) starts from {@code -1} and gets every interval
 * the workers still keep, which the sink merges idempotently. A worker that fails {@link
 * #LOST_AFTER} pulls in a row is lost (once {@link WorkerControl#silenceMeansLost()}), and one known to be gone ({@link WorkerControl#lostBecause()})
 * is lost at once: there is nothing left to pull from it, and the run need not wait on it to end.
 */
public final class IntervalCollector {

  public static final int LOST_AFTER = 5;

  private final List<WorkerControl> workers;
  private final IntervalSink sink;
  private final long[] lastSeq;
  private final long[] ack;
  private final long[] lostUpTo;
  private final IntToLongFunction recorded;
  private final int[] failures;
  private final boolean[] finished;
  private final String[] lastError;
  private final String[] transportProblem;

  public IntervalCollector(List<WorkerControl> workers, IntervalSink sink) {
    this(workers, sink, w -> -1);
  }

  /**
   * @param recorded per worker, the last interval the caller has recorded (in a checkpoint or in
   *     memory), -1 when none: a worker that dropped more than that has lost intervals for good
   */
  public IntervalCollector(List<WorkerControl> workers, IntervalSink sink, IntToLongFunction recorded) {
    this.workers = List.copyOf(workers);
    this.sink = sink;
    this.recorded = recorded;
    int n = workers.size();
    lastSeq = new long[n];
    java.util.Arrays.fill(lastSeq, -1);
    ack = new long[n];
    java.util.Arrays.fill(ack, -1);
    lostUpTo = new long[n];
    java.util.Arrays.fill(lostUpTo, -1);
    failures = new int[n];
    finished = new boolean[n];
    lastError = new String[n];
    transportProblem = new String[n];
  }

  /** One pull from every worker still running; completes when all have answered or failed. */
  public Future<Void> pullOnce() {
    List<Future<?>> pulls = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      long after;
      long acknowledge;
      synchronized (this) {
        // Answers land on other threads; read each worker's cursor under the lock they write it in.
        if (finished[i] || lost(i)) {
          continue;
        }
        after = lastSeq[i];
        acknowledge = ack[i];
      }
      int w = i;
      pulls.add(workers.get(w).intervals(after, acknowledge)
          .onSuccess(batch -> accept(w, batch))
          .onFailure(e -> failed(w, e)));
    }
    return Future.join(pulls).otherwiseEmpty().mapEmpty();
  }

  private synchronized void accept(int w, IntervalBatch batch) {
    transportProblem[w] = batch.transportProblem();
    long dropped = batch.droppedUpTo();
    if (dropped > recorded.applyAsLong(w)) {
      // Checked before merging: once what follows the gap is merged, the gap no longer shows.
      lostUpTo[w] = Math.max(lostUpTo[w], dropped);
      return;
    }
    for (IntervalReport r : batch.intervals()) {
      if (r.seq() > lastSeq[w]) {
        try {
          sink.add(w, r);
        } catch (IllegalArgumentException e) {
          // A corrupt interval is the worker's failure; it will be asked for again next time.
          failed(w, e);
          return;
        }
        lastSeq[w] = r.seq();
      }
    }
    failures[w] = 0;
    finished[w] = batch.finished();
  }

  private synchronized void failed(int w, Throwable e) {
    failures[w]++;
    lastError[w] = e.getMessage();
  }

  /** Pulls worker {@code w} from after {@code seq} on: what comes before it is recorded already. */
  public synchronized void startAfter(int w, long seq) {
    lastSeq[w] = Math.max(lastSeq[w], seq);
  }

  /** From the next pull on, worker {@code w} may drop its intervals up to {@code seq}. */
  public synchronized void acknowledge(int w, long seq) {
    ack[w] = Math.max(ack[w], seq);
  }

  /**
   * The highest interval worker {@code w} dropped without the caller having recorded it, -1 when
   * none: those intervals are lost, and totals that go on without them would be short.
   */
  public synchronized long lostUpTo(int w) {
    return lostUpTo[w];
  }

  /** Why worker {@code w} runs on NIO instead of native epoll, as its last batch said; null when native. */
  public synchronized String transportProblem(int w) {
    return transportProblem[w];
  }

  /** Whether worker {@code w}'s pulls have failed {@link #LOST_AFTER} times in a row. */
  public synchronized boolean silent(int w) {
    return failures[w] >= LOST_AFTER;
  }

  public synchronized boolean lost(int worker) {
    WorkerControl w = workers.get(worker);
    return w.lostBecause() != null || silent(worker) && w.silenceMeansLost();
  }

  /** Every worker has finished and been read to the end, or is lost. */
  public synchronized boolean done() {
    for (int i = 0; i < workers.size(); i++) {
      if (!finished[i] && !lost(i)) {
        return false;
      }
    }
    return true;
  }

  /** Why worker {@code i}'s last pull failed, or null. */
  public synchronized String lastError(int i) {
    return lastError[i];
  }
}
