package dev.headroom.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void aTypoOrAWrongCaseGetsTheClosestName() {
    assertEquals(" (did you mean stages?)", Suggestions.didYouMean("stagez", List.of("model", "warmup", "stages")));
    assertEquals(" (did you mean thinkTime?)", Suggestions.didYouMean("thinktime", List.of("users", "thinkTime")));
    assertEquals(" (did you mean weight?)", Suggestions.didYouMean("wieght", List.of("name", "weight")));
  }

  @Test
  void equallyCloseNamesAreAllOffered() {
    assertEquals(" (did you mean p90, p95 or p99?)", Suggestions.didYouMean("p98", List.of("p50", "p90", "p95", "p99", "p999")));
  }

  @Test
  void nothingCloseOrAnExactMatchGivesNoSuggestion() {
    assertEquals("", Suggestions.didYouMean("replicas", List.of("model", "stages")));
    assertEquals("", Suggestions.didYouMean("stages", List.of("stages")));
    assertEquals("", Suggestions.didYouMean("", List.of("a")));
  }
}
