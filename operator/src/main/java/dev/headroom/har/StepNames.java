package dev.headroom.har;

import dev.headroom.plan.PlanValidator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Step names a reader recognises: the method and the last path segment that names something
 * ({@code post-login}, {@code get-cart} for {@code /cart/${cartId}}), numbered when repeated
 * ({@code get-products-2}). Ids are passed over: they differ per user and say nothing.
 */
final class StepNames {

  private final UniqueNames names = new UniqueNames("-", PlanValidator.MAX_NAME_LENGTH, Set.of());

  /** @param path the step's path, placeholders in */
  String next(String method, String path) {
    List<String> segments = List.of(path.replaceFirst("\\?.*", "").split("/"));
    String noun = "root";
    for (int i = segments.size() - 1; i >= 0; i--) {
      String word = word(segments.get(i));
      if (!word.isEmpty()) {
        noun = word;
        break;
      }
    }
    return names.claim(method.toLowerCase(Locale.ROOT) + "-" + noun);
  }

  /** The segment as a name part, or empty when it is a placeholder, an id or nothing. */
  private static String word(String segment) {
    String decoded;
    try {
      decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      decoded = segment;
    }
    if (decoded.contains("$") || decoded.matches("\\d+") || decoded.length() >= DynamicValues.MIN_LENGTH
        && decoded.chars().anyMatch(Character::isDigit)) {
      return "";
    }
    return decoded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]+", "-").replaceAll("^[-_.]+|[-_.]+$", "");
  }
}
