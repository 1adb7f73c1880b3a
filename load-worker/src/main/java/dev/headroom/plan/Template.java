package dev.headroom.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * A path, header value or body with {@code ${...}} placeholders, parsed once into literal and
 * variable parts so that sending only concatenates. {@code $${} writes a literal {@code ${}.
 *
 * <p>Placeholders:
 *
 * <ul>
 *   <li>{@code ${name}}: a journey variable, set by an earlier step's capture ({@code name} is
 *       letters, digits and {@code _}, not starting with a digit); {@code ${set.column}} is
 *       reserved for test-data rows.
 *   <li>{@code ${uuid}}: a random UUID, fresh at each use.
 *   <li>{@code ${randomInt(min,max)}}: a random whole number from min to max, both included.
 *   <li>{@code ${workerIndex}}: this worker's index, 0 to replicas - 1.
 *   <li>{@code ${journey}}: the journey's sequence number on this worker, from 0: with
 *       {@code workerIndex}, unique in the run.
 * </ul>
 */
public record Template(List<Part> parts) {

  /** One piece of a template. */
  public sealed interface Part permits Literal, Variable, Uuid, RandomInt, WorkerIndex, JourneyNumber {}

  public record Literal(String text) implements Part {}

  /** A journey variable (a capture) or, with a dot, a data-row column. */
  public record Variable(String name) implements Part {}

  public record Uuid() implements Part {}

  public record RandomInt(long min, long max) implements Part {}

  public record WorkerIndex() implements Part {}

  public record JourneyNumber() implements Part {}

  /** Names a capture may not take, because a placeholder of that name means something else. */
  public static final Set<String> BUILT_INS = Set.of("uuid", "randomInt", "workerIndex", "journey");

  /** How built-ins are written, for messages listing what a placeholder may name. */
  public static final List<String> BUILT_IN_FORMS = List.of("uuid", "randomInt(min,max)", "workerIndex", "journey");

  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_-]*)?");
  private static final java.util.regex.Pattern RANDOM_INT =
      java.util.regex.Pattern.compile("randomInt\\(\\s*(-?\\d{1,18})\\s*,\\s*(-?\\d{1,18})\\s*\\)");

  public Template {
    parts = List.copyOf(parts);
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message fit to show a user, when a placeholder is
   *     malformed
   */
  public static Template parse(String text) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int at = 0;
    while (at < text.length()) {
      int open = text.indexOf("${", at);
      if (open < 0) {
        literal.append(text, at, text.length());
        break;
      }
      if (open > 0 && text.charAt(open - 1) == '$') {
        literal.append(text, at, open - 1).append("${");
        at = open + 2;
        continue;
      }
      int close = text.indexOf('}', open + 2);
      if (close < 0) {
        throw new IllegalArgumentException("'${' at character " + open + " is not closed by '}'");
      }
      literal.append(text, at, open);
      if (!literal.isEmpty()) {
        parts.add(new Literal(literal.toString()));
        literal.setLength(0);
      }
      parts.add(placeholder(text.substring(open + 2, close).strip()));
      at = close + 1;
    }
    if (!literal.isEmpty()) {
      parts.add(new Literal(literal.toString()));
    }
    return new Template(parts);
  }

  private static Part placeholder(String inside) {
    switch (inside) {
      case "uuid":
        return new Uuid();
      case "workerIndex":
        return new WorkerIndex();
      case "journey":
        return new JourneyNumber();
      default:
        break;
    }
    if (inside.startsWith("randomInt")) {
      Matcher m = RANDOM_INT.matcher(inside);
      if (!m.matches()) {
        throw new IllegalArgumentException("'${" + inside + "}' must be written randomInt(min,max) with whole numbers");
      }
      long min = Long.parseLong(m.group(1));
      long max = Long.parseLong(m.group(2));
      if (min > max) {
        throw new IllegalArgumentException("'${" + inside + "}' has min above max");
      }
      return new RandomInt(min, max);
    }
    if (!NAME.matcher(inside).matches()) {
      throw new IllegalArgumentException("'${" + inside + "}' is not a variable name (letters, digits and _,"
          + " not starting with a digit), nor one of " + String.join(", ", BUILT_IN_FORMS));
    }
    return new Variable(inside);
  }

  /** True when there is nothing to fill in: the text can be encoded once, as today. */
  public boolean isLiteral() {
    return parts.stream().allMatch(p -> p instanceof Literal);
  }

  /** Names of the variables this template reads, in order of first use. */
  public Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    for (Part p : parts) {
      if (p instanceof Variable v) {
        names.add(v.name());
      }
    }
    return names;
  }
}
