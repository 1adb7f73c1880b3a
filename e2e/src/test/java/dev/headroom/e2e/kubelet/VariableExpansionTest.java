package dev.headroom.e2e.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableExpansionTest {

  private final Map<String, String> vars = Map.of("A", "1", "POD_IP", "127.0.1.2");

  @Test
  void expandsDefinedNamesAndLeavesOthersAsWritten() {
    assertEquals("1-127.0.1.2", VariableExpansion.expand("$(A)-$(POD_IP)", vars));
    assertEquals("$(B) $(cat x)", VariableExpansion.expand("$(B) $(cat x)", vars));
    assertEquals("$HOME $(unclosed", VariableExpansion.expand("$HOME $(unclosed", vars));
  }

  @Test
  void doubleDollarEscapes() {
    assertEquals("$(A) pid=$$", VariableExpansion.expand("$$(A) pid=$$$$", vars));
    assertEquals(List.of("x1", "$"), VariableExpansion.expandAll(List.of("x$(A)", "$"), vars));
  }
}
