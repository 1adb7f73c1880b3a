package dev.headroom.plan;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a {@link Capture} takes its value, compiled once: a JSON pointer (a JSON path is turned
 * into one, so a streaming parser can stop at the field), a header name, or a regular expression.
 */
public sealed interface CaptureSource permits CaptureSource.Json, CaptureSource.Header, CaptureSource.Regex {

  record Json(JsonPointer pointer) implements CaptureSource {}

  record Header(String name) implements CaptureSource {}

  /** The value is the first group when the expression has one, else the whole match. */
  record Regex(Pattern pattern) implements CaptureSource {}

  /** A JSON path step: {@code .name}, {@code ['name']} or {@code [index]}. */
  Pattern PATH_STEP = Pattern.compile("\\.([A-Za-z_$][A-Za-z0-9_$-]*)|\\['([^'\\\\]*)'\\]|\\[(\\d{1,9})\\]");

  /**
   * Compiles a JSON path ({@code $.items[0].id}; child steps only, no wildcards or filters) or
   * a JSON pointer ({@code /items/0/id}).
   *
   * @throws IllegalArgumentException with a message fit to show a user
   */
  static Json json(String path) {
    if (path.startsWith("/")) {
      try {
        return new Json(JsonPointer.compile(path));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + path + "' is not a JSON pointer: " + e.getMessage());
      }
    }
    if (!path.startsWith("$")) {
      throw new IllegalArgumentException(
          "'" + path + "' is neither a JSON path ($.token, $.items[0].id) nor a JSON pointer (/token)");
    }
    StringBuilder pointer = new StringBuilder();
    Matcher m = PATH_STEP.matcher(path);
    int at = 1;
    while (at < path.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("'" + path + "' is not a JSON path Headroom reads: at character " + at
            + " expected .name, ['name'] or [index] (no wildcards, filters or ..)");
      }
      String step = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      pointer.append('/').append(step.replace("~", "~0").replace("/", "~1"));
      at = m.end();
    }
    if (pointer.isEmpty()) {
      throw new IllegalArgumentException("'" + path + "' names the whole body; name a field, such as $.token");
    }
    return new Json(JsonPointer.compile(pointer.toString()));
  }

  /**
   * Compiles a capture's source; the capture must name exactly one.
   *
   * @throws IllegalArgumentException with a message fit to show a user
   */
  static CaptureSource of(Capture capture) {
    if (capture.json() != null) {
      return json(capture.json());
    }
    if (capture.header() != null) {
      return new Header(capture.header());
    }
    if (capture.regex() != null) {
      return new Regex(Pattern.compile(capture.regex()));
    }
    throw new IllegalArgumentException("no source");
  }
}
