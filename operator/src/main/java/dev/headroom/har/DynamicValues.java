package dev.headroom.har;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.headroom.plan.Capture;
import dev.headroom.plan.PlanValidator;
import dev.headroom.plan.Template;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Finds the values a server handed out that the browser sent back later: a session token, a
 * cart id, an order's Location. Replayed verbatim, such a value belongs to the recorded session
 * and is stale or shared by every virtual user; so the step whose answer carried it captures it,
 * and later requests use the variable instead.
 *
 * <p>A value counts when it first appears in an answer (a JSON field or a response header) and
 * only then in a request: one the browser sent before the answer came it knew already (a user
 * name, a search term). It must also look like an identifier (at least {@value #MIN_LENGTH}
 * characters, no spaces, a digit or mixed case), so that words and small numbers that merely
 * recur are not mistaken for one.
 */
public final class DynamicValues {

  /** A value the step at {@code position} captures into {@code capture.var()}. */
  public record Captured(int position, String value, Capture capture) {}

  static final int MIN_LENGTH = 8;
  /** A long listing offers thousands of ids; the first ones cover what a recorded user clicks. */
  private static final int MAX_OFFERS_PER_ANSWER = 2000;

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Pattern JSON_PATH_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");
  /** Field names that say little alone: {@code cart.id} reads better as {@code cartId}. */
  private static final Set<String> GENERIC = Set.of("id", "value", "key", "code", "uuid", "guid", "ref");
  /** Response headers whose values describe the answer or the server, never the session. */
  private static final Set<String> DESCRIPTIVE = Set.of(
      "date", "expires", "last-modified", "age", "etag", "content-type", "content-length", "content-encoding",
      "content-language", "content-security-policy", "cache-control", "pragma", "vary", "server", "via",
      "connection", "keep-alive", "transfer-encoding", "accept-ranges", "strict-transport-security", "alt-svc",
      "x-content-type-options", "x-frame-options", "x-xss-protection", "referrer-policy", "permissions-policy",
      "report-to", "nel", "server-timing", "timing-allow-origin", "set-cookie");

  private final List<Captured> captured;
  private final Map<String, List<Captured>> byPrefix = new HashMap<>();

  private DynamicValues(List<Captured> captured) {
    this.captured = List.copyOf(captured);
    captured.forEach(c -> byPrefix.computeIfAbsent(prefix(c.value(), 0), k -> new ArrayList<>()).add(c));
  }

  /** Every value of the kept entries that an answer handed out and a later request sent back. */
  public static DynamicValues find(List<HarFilter.Kept> kept) {
    Map<String, Offer> offers = new LinkedHashMap<>();
    for (int i = 0; i < kept.size(); i++) {
      for (Offer o : offers(kept.get(i).entry().response(), i)) {
        offers.putIfAbsent(o.value(), o);
      }
    }
    Map<String, Integer> firstSent = new HashMap<>();
    Map<String, List<Offer>> offersByPrefix = new HashMap<>();
    offers.values().forEach(o -> offersByPrefix.computeIfAbsent(prefix(o.value(), 0), k -> new ArrayList<>()).add(o));
    for (int i = 0; i < kept.size(); i++) {
      for (String text : sent(kept.get(i))) {
        for (Match<Offer> m : matches(text, offersByPrefix, Offer::value, o -> true)) {
          firstSent.putIfAbsent(m.value(), i);
        }
      }
    }
    List<Captured> out = new ArrayList<>();
    UniqueNames vars = new UniqueNames("", PlanValidator.MAX_NAME_LENGTH, Template.BUILT_INS);
    Map<Integer, Integer> perStep = new HashMap<>();
    for (Offer o : offers.values()) {
      Integer sent = firstSent.get(o.value());
      if (sent != null && sent > o.position()
          && perStep.merge(o.position(), 1, Integer::sum) <= PlanValidator.MAX_CAPTURES) {
        String var = vars.claim(o.varBase());
        Capture capture = o.header() != null ? Capture.header(var, o.header()) : Capture.json(var, o.json());
        out.add(new Captured(o.position(), o.value(), capture));
      }
    }
    return new DynamicValues(out);
  }

  public List<Captured> all() {
    return captured;
  }

  /** What the step at {@code position} captures from its answer. */
  public List<Capture> capturesAt(int position) {
    return captured.stream().filter(c -> c.position() == position).map(Captured::capture).toList();
  }

  /**
   * {@code text} as the step at {@code position} sends it: each value an earlier step captured
   * replaced by its {@code ${var}}, and a literal {@code ${} written {@code $${}.
   */
  public String template(String text, int position) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Match<Captured> m : matches(text, byPrefix, Captured::value, c -> c.position() < position)) {
      // "$${" is the escape for a literal "${": after a literal '$', a placeholder cannot be written.
      if (m.start() > at && text.charAt(m.start() - 1) == '$') {
        continue;
      }
      out.append(escaped(text.substring(at, m.start()))).append("${").append(m.item().capture().var()).append('}');
      at = m.start() + m.value().length();
    }
    return out.append(escaped(text.substring(at))).toString();
  }

  private static String escaped(String literal) {
    return literal.replace("${", "$${");
  }

  /** Where a request may carry a handed-out value: its path and query, headers, body. */
  private static List<String> sent(HarFilter.Kept k) {
    List<String> texts = new ArrayList<>();
    texts.add(k.url().pathAndQuery());
    texts.addAll(HeaderRules.candidates(k.entry().request().headers()).values());
    if (k.entry().request().body() != null) {
      texts.add(k.entry().request().body());
    }
    return texts;
  }

  private record Match<T>(int start, String value, T item) {}

  /**
   * The values found in {@code text}, left to right, the longest where several start at one
   * place. Values are looked up by their first {@value #MIN_LENGTH} characters, so a scan costs
   * one map lookup per character of the text however many values there are.
   */
  private static <T> List<Match<T>> matches(
      String text, Map<String, List<T>> byPrefix, Function<T, String> value, Predicate<T> allowed) {
    List<Match<T>> out = new ArrayList<>();
    int at = 0;
    while (at + MIN_LENGTH <= text.length()) {
      T best = null;
      for (T candidate : byPrefix.getOrDefault(prefix(text, at), List.of())) {
        String v = value.apply(candidate);
        if (allowed.test(candidate) && (best == null || v.length() > value.apply(best).length()) && text.startsWith(v, at)) {
          best = candidate;
        }
      }
      if (best == null) {
        at++;
      } else {
        out.add(new Match<>(at, value.apply(best), best));
        at += value.apply(best).length();
      }
    }
    return out;
  }

  private static String prefix(String text, int at) {
    return text.substring(at, at + MIN_LENGTH);
  }

  /** A value an answer holds, where it holds it (a JSON path or a header), and a name for it. */
  private record Offer(int position, String value, String varBase, String json, String header) {}

  private static List<Offer> offers(HarEntry.Response response, int position) {
    List<Offer> out = new ArrayList<>();
    JsonNode body = json(response);
    if (body != null) {
      Deque<Object> path = new ArrayDeque<>();
      walk(body, path, position, out);
    }
    for (HarEntry.Header h : response.headers()) {
      String name = h.name().toLowerCase(Locale.ROOT);
      if (!name.startsWith(":") && !name.startsWith("access-control-") && !DESCRIPTIVE.contains(name)
          && looksDynamic(h.value().strip())) {
        out.add(new Offer(position, h.value().strip(), varName(List.of(name.replaceFirst("^x-", ""))), null,
            HeaderRules.canonical(h.name())));
      }
    }
    return out;
  }

  private static JsonNode json(HarEntry.Response response) {
    String body = response.body();
    if (body == null || !(response.mimeType().contains("json") || body.stripLeading().startsWith("{")
        || body.stripLeading().startsWith("["))) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException notJson) {
      return null;
    }
  }

  private static void walk(JsonNode node, Deque<Object> path, int position, List<Offer> out) {
    if (out.size() >= MAX_OFFERS_PER_ANSWER) {
      return;
    }
    if (node.isObject()) {
      node.properties().forEach(field -> {
        path.addLast(field.getKey());
        walk(field.getValue(), path, position, out);
        path.removeLast();
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        path.addLast(i);
        walk(node.get(i), path, position, out);
        path.removeLast();
      }
    } else if ((node.isTextual() || node.isIntegralNumber()) && looksDynamic(node.asText())) {
      List<String> keys = path.stream().filter(String.class::isInstance).map(String.class::cast).toList();
      out.add(new Offer(position, node.asText(), varName(keys), jsonPath(path), null));
    }
  }

  /** Long enough, no spaces, and a digit or mixed case: an identifier rather than a word. */
  static boolean looksDynamic(String value) {
    if (value.length() < MIN_LENGTH || value.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      return false;
    }
    boolean digit = value.chars().anyMatch(Character::isDigit);
    boolean mixedCase = value.chars().anyMatch(Character::isUpperCase) && value.chars().anyMatch(Character::isLowerCase);
    return digit || value.length() >= 2 * MIN_LENGTH && mixedCase;
  }

  /** {@code $.cart.id} where every step reads so, else a JSON pointer ({@code /odd'key/0}). */
  private static String jsonPath(Deque<Object> path) {
    StringBuilder jsonPath = new StringBuilder("$");
    StringBuilder pointer = new StringBuilder();
    boolean readable = true;
    for (Object step : path) {
      String s = step.toString();
      pointer.append('/').append(s.replace("~", "~0").replace("/", "~1"));
      if (step instanceof Integer) {
        jsonPath.append('[').append(s).append(']');
      } else if (JSON_PATH_NAME.matcher(s).matches()) {
        jsonPath.append('.').append(s);
      } else if (s.indexOf('\'') < 0 && s.indexOf('\\') < 0) {
        jsonPath.append("['").append(s).append("']");
      } else {
        readable = false;
      }
    }
    return readable ? jsonPath.toString() : pointer.toString();
  }

  /**
   * A variable name from the field's keys: the last, with its parent's when it says little alone
   * ({@code cart.id} gives {@code cartId}), in camel case, valid as a {@code ${var}}.
   */
  static String varName(List<String> keys) {
    if (keys.isEmpty()) {
      return "value";
    }
    String last = keys.get(keys.size() - 1);
    String base = GENERIC.contains(last.toLowerCase(Locale.ROOT)) && keys.size() > 1
        ? keys.get(keys.size() - 2) + "-" + last
        : last;
    StringBuilder out = new StringBuilder();
    for (String word : base.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        out.append(out.isEmpty() ? Character.toLowerCase(word.charAt(0)) : Character.toUpperCase(word.charAt(0)))
            .append(word, 1, word.length());
      }
    }
    if (out.isEmpty()) {
      return "value";
    }
    return Character.isDigit(out.charAt(0)) ? "v" + out : out.toString();
  }
}
