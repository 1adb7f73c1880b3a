package dev.headroom.results;

import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/** Failures by kind in words, the same in the terminal and the HTML report. */
public final class FailureKinds {

  private FailureKinds() {}

  /**
   * Such as {@code timeout 12, status_503 3}: the kind that ended most first, as that is the one
   * to look into; empty for none.
   */
  public static String text(Map<String, Long> byKind) {
    if (byKind == null) {
      return "";
    }
    return byKind.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
