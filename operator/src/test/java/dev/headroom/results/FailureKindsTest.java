package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FailureKindsTest {

  @Test
  void theKindThatEndedMostComesFirstThenByName() {
    Map<String, Long> byKind = new TreeMap<>(Map.of("capture", 3L, "status_503", 3L, "timeout", 12L));

    assertEquals("timeout 12, capture 3, status_503 3", FailureKinds.text(byKind));
  }

  @Test
  void noneIsEmptyNotNull() {
    assertEquals("", FailureKinds.text(null));
    assertEquals("", FailureKinds.text(Map.of()));
  }
}
