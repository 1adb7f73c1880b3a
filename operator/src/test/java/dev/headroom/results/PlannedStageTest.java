package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.headroom.plan.Load;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannedStageTest {

  @Test
  void aRampKeepsBothEndsAndTargetsTheirMean() {
    Load load =
        new Load(
            null, "10s",
            List.of(new Stage("30s", 100.0, 1000.0, null, null), new Stage("2m", 1000.0, null, null, null)));

    List<PlannedStage> stages = PlannedStage.of(load);
    assertEquals(
        List.of(new PlannedStage(30_000_000_000L, 100.0, 1000.0), new PlannedStage(120_000_000_000L, 1000.0)),
        stages);
    assertEquals(550.0, stages.get(0).targetRps());
    assertEquals(1000.0, stages.get(1).targetRps());
  }

  @Test
  void requestsDueAreTheRateIntegratedWithinTheStage() {
    PlannedStage ramp = new PlannedStage(10_000_000_000L, 0.0, 100.0);

    assertEquals(500.0, ramp.requestsBetween(0, 10_000_000_000L));
    assertEquals(125.0, ramp.requestsBetween(0, 5_000_000_000L), "the slow half");
    assertEquals(375.0, ramp.requestsBetween(5_000_000_000L, 20_000_000_000L), "the fast half, cut at the stage's end");
    assertEquals(0.0, ramp.requestsBetween(-3_000_000_000L, 0), "before the stage");
    assertNull(new PlannedStage(10_000_000_000L, null).requestsBetween(0, 1));
  }

  @Test
  void theClosedModelHasNoTargetRate() {
    Load load = new Load(LoadModel.Closed, null, List.of(new Stage("1m", null, null, 64, "100ms")));

    assertEquals(List.of(new PlannedStage(60_000_000_000L, null)), PlannedStage.of(load));
  }

  @Test
  void reportedStagesCarryTheirTargetsAndAClosedRunNone() {
    Load open = new Load(null, null, List.of(new Stage("2s", 100.0, 1000.0, null, null)));
    Load closed = new Load(LoadModel.Closed, null, List.of(new Stage("2s", null, null, 8, null)));
    RunResults ramp = new RunResults(PlannedStage.of(open), List.of("browse"));
    RunResults users = new RunResults(PlannedStage.of(closed), List.of("browse"));
    for (long seq = 0; seq < 2; seq++) {
      ramp.add(0, Reports.report(seq, 0, "browse", 550, Map.of(), 1_000, 550));
      users.add(0, Reports.report(seq, 0, "browse", 550, Map.of(), 1_000, 550));
    }

    assertEquals(550.0, ramp.report(List.of()).stages().get(0).targetRps());
    assertEquals(550.0, ramp.report(List.of()).summary().targetRps());
    assertNull(users.report(List.of()).stages().get(0).targetRps());
    assertNull(users.report(List.of()).summary().targetRps());
    assertEquals(550.0, users.report(List.of()).summary().rps());
  }
}
