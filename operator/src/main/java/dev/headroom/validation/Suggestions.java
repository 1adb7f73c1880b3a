package dev.headroom.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** "Did you mean …?" for a name that is close to known ones: a typo, or the wrong case. */
final class Suggestions {

  private static final int MAX_SHOWN = 3;

  private Suggestions() {}

  /**
   * {@code " (did you mean stages?)"} when some of {@code known} are within a few edits of {@code
   * given} (case ignored), the closest first; empty when none is.
   */
  static String didYouMean(String given, Collection<String> known) {
    if (given == null || given.isEmpty()) {
      return "";
    }
    String g = given.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, g.length() / 3);
    int best = Integer.MAX_VALUE;
    List<String> closest = new ArrayList<>();
    for (String k : known) {
      int d = distance(g, k.toLowerCase(Locale.ROOT));
      if (d > limit || d > best) {
        continue;
      }
      if (d < best) {
        best = d;
        closest.clear();
      }
      closest.add(k);
    }
    if (closest.isEmpty() || closest.contains(given)) {
      return "";
    }
    List<String> shown = closest.subList(0, Math.min(MAX_SHOWN, closest.size()));
    String names =
        shown.size() == 1
            ? shown.get(0)
            : String.join(", ", shown.subList(0, shown.size() - 1)) + " or " + shown.get(shown.size() - 1);
    return " (did you mean " + names + "?)";
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
