package dev.headroom.crd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a value against a CRD's structural OpenAPI schema the way the API server's schema
 * validation does, for the keywords the Headroom CRD uses: type (with int-or-string and
 * preserve-unknown-fields), properties and unknown fields, additionalProperties, items, required,
 * enum, pattern, minimum/maximum (exclusive too), minLength/maxLength, minItems/maxItems and
 * minProperties. CEL rules ({@code x-kubernetes-validations}) are not evaluated: only an API
 * server can, and {@code e2e} tests that apply the examples do.
 */
final class StructuralSchema {

  private final JsonNode schema;

  StructuralSchema(JsonNode schema) {
    this.schema = schema;
  }

  /** Every violation, as {@code path: what}; empty when the value passes. */
  List<String> violations(JsonNode value, String path) {
    List<String> out = new ArrayList<>();
    check(schema, value, path, out);
    return out;
  }

  private static void check(JsonNode s, JsonNode v, String path, List<String> out) {
    if (s.path("x-kubernetes-int-or-string").asBoolean()) {
      if (!v.isIntegralNumber() && !v.isTextual()) {
        out.add(path + ": must be an integer or a string");
      }
      return;
    }
    String type = s.path("type").asText("");
    if (type.isEmpty()) {
      return; // no type: only x-kubernetes-preserve-unknown-fields allows that, and it takes anything
    }
    if (!hasType(v, type)) {
      out.add(path + ": must be of type " + type);
      return;
    }
    enumeration(s, v, path, out);
    switch (type) {
      case "object" -> object(s, v, path, out);
      case "array" -> array(s, v, path, out);
      case "string" -> string(s, v, path, out);
      case "integer", "number" -> number(s, v, path, out);
      default -> { }
    }
  }

  private static boolean hasType(JsonNode v, String type) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber();
      case "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      default -> throw new IllegalArgumentException("unknown schema type " + type);
    };
  }

  private static void enumeration(JsonNode s, JsonNode v, String path, List<String> out) {
    JsonNode values = s.get("enum");
    if (values == null) {
      return;
    }
    for (JsonNode allowed : values) {
      if (allowed.equals(v)) {
        return;
      }
    }
    out.add(path + ": must be one of " + values);
  }

  private static void object(JsonNode s, JsonNode v, String path, List<String> out) {
    for (JsonNode required : s.path("required")) {
      if (!v.has(required.asText())) {
        out.add(path + "." + required.asText() + ": required");
      }
    }
    if (s.has("minProperties") && v.size() < s.get("minProperties").asInt()) {
      out.add(path + ": must have at least " + s.get("minProperties").asInt() + " properties");
    }
    JsonNode properties = s.path("properties");
    JsonNode additional = s.get("additionalProperties");
    boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String at = path + "." + field.getKey();
      if (properties.has(field.getKey())) {
        check(properties.get(field.getKey()), field.getValue(), at, out);
      } else if (additional != null && additional.isObject()) {
        check(additional, field.getValue(), at, out);
      } else if (!preserve) {
        out.add(at + ": unknown field");
      }
    }
  }

  private static void array(JsonNode s, JsonNode v, String path, List<String> out) {
    if (s.has("minItems") && v.size() < s.get("minItems").asInt()) {
      out.add(path + ": must have at least " + s.get("minItems").asInt() + " items");
    }
    if (s.has("maxItems") && v.size() > s.get("maxItems").asInt()) {
      out.add(path + ": must have at most " + s.get("maxItems").asInt() + " items");
    }
    for (int i = 0; i < v.size(); i++) {
      check(s.path("items"), v.get(i), path + "[" + i + "]", out);
    }
  }

  private static void string(JsonNode s, JsonNode v, String path, List<String> out) {
    String text = v.asText();
    if (s.has("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(text).find()) {
      out.add(path + ": must match " + s.get("pattern").asText());
    }
    int length = text.codePointCount(0, text.length());
    if (s.has("minLength") && length < s.get("minLength").asInt()) {
      out.add(path + ": must be at least " + s.get("minLength").asInt() + " characters");
    }
    if (s.has("maxLength") && length > s.get("maxLength").asInt()) {
      out.add(path + ": must be at most " + s.get("maxLength").asInt() + " characters");
    }
  }

  private static void number(JsonNode s, JsonNode v, String path, List<String> out) {
    double n = v.asDouble();
    if (s.has("minimum")) {
      double min = s.get("minimum").asDouble();
      boolean exclusive = s.path("exclusiveMinimum").asBoolean();
      if (exclusive ? n <= min : n < min) {
        out.add(path + ": must be " + (exclusive ? "> " : ">= ") + s.get("minimum").asText());
      }
    }
    if (s.has("maximum")) {
      double max = s.get("maximum").asDouble();
      boolean exclusive = s.path("exclusiveMaximum").asBoolean();
      if (exclusive ? n >= max : n > max) {
        out.add(path + ": must be " + (exclusive ? "< " : "<= ") + s.get("maximum").asText());
      }
    }
  }
}
