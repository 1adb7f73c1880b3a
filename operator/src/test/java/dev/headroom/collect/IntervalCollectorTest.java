package dev.headroom.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.report.IntervalBatch;
import dev.headroom.report.IntervalReport;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Acknowledgements ride on the pulls, and intervals dropped without being recorded are caught. */
class IntervalCollectorTest {

  /** A worker that has dropped everything up to {@code dropped} and keeps the next few. */
  private static final class Worker extends AnsweringWorker {
    final long dropped;
    final List<String> asked = new ArrayList<>();

    Worker(long dropped) {
      super(0);
      this.dropped = dropped;
    }

    @Override
    public Future<IntervalBatch> intervals(long after, long ack) {
      asked.add(after + "/" + ack);
      List<IntervalReport> kept = LongStream.rangeClosed(dropped + 1, dropped + 3).filter(s -> s > after)
          .mapToObj(s -> new IntervalReport(s, 0, s * 1000, s * 1000 + 1000, Map.of(), null)).toList();
      return Future.succeededFuture(new IntervalBatch(0, 1, "running", kept, dropped));
    }
  }

  @Test
  void intervalsDroppedBeyondWhatWasRecordedAreLostEvenWhenLaterOnesArrive() {
    Worker worker = new Worker(9);
    List<Long> merged = new ArrayList<>();
    // Recorded up to 4 (a stale checkpoint): 5 to 9 are gone, and 10 to 12 must not paper over it.
    IntervalCollector collector = new IntervalCollector(List.of(worker), (w, r) -> merged.add(r.seq()), w -> 4);
    collector.pullOnce().await();

    assertEquals(9, collector.lostUpTo(0));
    assertEquals(List.of(), merged, "nothing merged past a gap");
  }

  @Test
  void aWorkerThatDroppedOnlyWhatWasRecordedIsWhole() {
    Worker worker = new Worker(9);
    List<Long> merged = new ArrayList<>();
    IntervalCollector collector = new IntervalCollector(List.of(worker), (w, r) -> merged.add(r.seq()), w -> 11);
    collector.startAfter(0, 11);
    collector.acknowledge(0, 11);
    collector.pullOnce().await();

    assertEquals(-1, collector.lostUpTo(0));
    assertEquals(List.of(12L), merged);
    assertEquals(List.of("11/11"), worker.asked, "the pull carried the cursor and the acknowledgement");
  }

  @Test
  void aWorkerThatSaysNothingOfAcknowledgementsDroppedNothing() {
    IntervalBatch old = new IntervalBatch(0, 1, "running", List.of(), null);
    assertEquals(-1, old.droppedUpTo());
  }
}
