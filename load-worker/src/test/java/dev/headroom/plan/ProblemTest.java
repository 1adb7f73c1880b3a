package dev.headroom.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void printsAsPathColonMessageAndAloneAtTheRoot() {
    FieldPath rate = FieldPath.of("spec").field("load").field("stages").index(0).field("rate");

    assertEquals("spec.load.stages[0].rate: must be > 0", Problem.at(rate, "must be > 0").toString());
    assertEquals("the file is empty", Problem.at(FieldPath.ROOT, "the file is empty").toString());
    assertEquals("target", FieldPath.of("").field("target").text());
  }

  @Test
  void aPathContainsItselfAndWhatIsBelowIt() {
    FieldPath stages = FieldPath.of("spec.load.stages");

    assertTrue(stages.contains("spec.load.stages"));
    assertTrue(stages.contains("spec.load.stages[0].rate"));
    assertTrue(stages.contains("spec.load.stages.x"));
    assertFalse(stages.contains("spec.load.stagesX"));
    assertFalse(stages.contains("spec.load"));
    assertTrue(FieldPath.ROOT.contains("anything"));
  }
}
