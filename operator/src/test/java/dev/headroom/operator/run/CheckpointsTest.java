package dev.headroom.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.operator.FakeCluster;
import dev.headroom.operator.LoadTests;
import dev.headroom.report.IntervalReport;
import dev.headroom.results.PlannedStage;
import dev.headroom.results.RunResults;
import dev.headroom.session.SessionCheckpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checkpoint writes are locked to the version last seen: an older writer never wins. */
class CheckpointsTest {

  private final FakeCluster cluster = new FakeCluster();
  private final LoadTest lt = LoadTests.named("soak", """
      target: {url: "http://127.0.0.1:1"}
      requests: [{name: home, path: /}]
      load: {stages: [{duration: 1h, rate: 10}]}
      """);

  /** A checkpoint of run 1 that recorded worker 0 up to {@code mark}. */
  private static SessionCheckpoint upTo(long mark) {
    RunResults results = new RunResults(List.of(new PlannedStage(3_600_000_000_000L, 10.0)), List.of("home"));
    for (long seq = 0; seq <= mark; seq++) {
      results.add(0, new IntervalReport(seq, 0, seq * 1000, seq * 1000 + 1000, Map.of(), null));
    }
    return new SessionCheckpoint(1, results.checkpoint(RunResults.CHECKPOINT_BUDGET), List.of());
  }

  private long storedMark() {
    return new Checkpoints(cluster).load(lt, 1).orElseThrow().results().lastSeq().get(0);
  }

  @Test
  void anOperatorThatLostTheRunCannotPutItsOlderCheckpointOverTheNewOne() {
    Checkpoints old = new Checkpoints(cluster);
    assertTrue(old.load(lt, 1).isEmpty());
    assertTrue(old.save(lt, 1, upTo(5)));

    Checkpoints leader = new Checkpoints(cluster);
    assertEquals(5L, leader.load(lt, 1).orElseThrow().results().lastSeq().get(0));
    assertTrue(leader.save(lt, 1, upTo(9)));

    assertFalse(old.save(lt, 1, upTo(7)), "the workers dropped up to 9 on the leader's word");
    assertEquals(9L, storedMark());
    assertTrue(cluster.events.stream().anyMatch(e -> e.startsWith("Warning CheckpointFailed: ")
        && e.contains("another operator wrote a newer checkpoint")), cluster.events.toString());
  }

  @Test
  void aWriteWhoseVersionMovedOnStillLandsWhenItIsTheNewer() {
    Checkpoints a = new Checkpoints(cluster);
    a.load(lt, 1);
    assertTrue(a.save(lt, 1, upTo(5)));
    Checkpoints b = new Checkpoints(cluster);
    b.load(lt, 1);
    assertTrue(b.save(lt, 1, upTo(6)));

    assertTrue(a.save(lt, 1, upTo(12)), "ahead of what is stored: nothing of it is lost by writing");
    assertEquals(12L, storedMark());
  }
}
