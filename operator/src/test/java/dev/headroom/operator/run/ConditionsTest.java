package dev.headroom.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.session.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One condition per type; the transition time moves only with the status. */
class ConditionsTest {

  @Test
  void theTransitionTimeStaysWhileTheStatusHolds() {
    LoadTestStatus s = new LoadTestStatus();
    Conditions.put(s, Conditions.of("WorkersReady", false, "Starting", "0 of 2", "2030-01-01T00:00:00Z", 1L));
    Conditions.put(s, Conditions.of("WorkersReady", false, "Starting", "1 of 2", "2030-01-01T00:00:05Z", 1L));
    Condition c = Conditions.get(s, "WorkersReady").orElseThrow();
    assertEquals("2030-01-01T00:00:00Z", c.getLastTransitionTime());
    assertEquals("1 of 2", c.getMessage(), "reason and message follow the latest word");

    Conditions.put(s, Conditions.of("WorkersReady", true, "AllReady", "2 of 2", "2030-01-01T00:00:09Z", 2L));
    c = Conditions.get(s, "WorkersReady").orElseThrow();
    assertEquals("2030-01-01T00:00:09Z", c.getLastTransitionTime());
    assertEquals(2L, c.getObservedGeneration());
    assertEquals(1, s.getConditions().size());
  }

  @Test
  void replaceStartsAFreshTransitionAndRetainKeepsTheNamedTypes() {
    LoadTestStatus s = new LoadTestStatus();
    Conditions.put(s, Conditions.of("Valid", true, "SpecValid", "", "2030-01-01T00:00:00Z", 1L));
    Conditions.put(s, Conditions.of("ThresholdsMet", true, "AllMet", "", "2030-01-01T00:00:00Z", 1L));
    Conditions.replace(s, Conditions.of("Valid", true, "SpecValid", "", "2030-01-01T00:01:00Z", 2L));
    assertEquals("2030-01-01T00:01:00Z", Conditions.get(s, "Valid").orElseThrow().getLastTransitionTime());
    Conditions.retain(s, Set.of("Valid"));
    assertEquals(List.of("Valid"), s.getConditions().stream().map(Condition::getType).toList());
  }
}
