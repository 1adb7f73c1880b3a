package dev.headroom.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import dev.headroom.plan.FieldPath;
import dev.headroom.plan.Problems;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns what Jackson would fail on (an unknown field, a value of the wrong type) into a problem
 * at the field's path and carries on with the field left unset, so one read reports them all.
 */
final class BindingProblems extends DeserializationProblemHandler {

  private final Problems problems;

  BindingProblems(Problems problems) {
    this.problems = problems;
  }

  @Override
  public boolean handleUnknownProperty(
      DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer, Object beanOrClass, String name)
      throws IOException {
    List<String> known =
        deserializer == null ? List.of() : deserializer.getKnownPropertyNames().stream().map(String::valueOf).toList();
    problems.add(unknownFieldPath(ctxt, p, name), "unknown field" + Suggestions.didYouMean(name, known));
    p.skipChildren();
    return true;
  }

  /**
   * Records are built through their constructor, so Jackson buffers the fields it cannot place
   * and replays them from a buffer whose parsing context has lost the path. The document's own
   * parser is then just past a field of the record (or at its end) and still knows where it is.
   */
  private static FieldPath unknownFieldPath(DeserializationContext ctxt, JsonParser p, String name) {
    JsonParser document = ctxt.getParser();
    if (document == null || document == p) {
      return JacksonPaths.ofValue(p);
    }
    JsonStreamContext context = document.getParsingContext();
    if (document.currentToken() == JsonToken.FIELD_NAME) {
      context = context.getParent(); // still inside the record's object, at its next field
    }
    return JacksonPaths.of(context).field(name);
  }

  @Override
  public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> type, String value, String failureMsg) {
    String hint = type.isEnum() ? Suggestions.didYouMean(value, enumNames(type)) : "";
    problems.add(JacksonPaths.ofValue(ctxt.getParser()), "must be " + expected(type) + ", got '" + value + "'" + hint);
    return type.isEnum() ? sameIgnoringCase(type, value) : null;
  }

  /**
   * The constant a wrongly-cased enum value clearly means. The problem stands, but checking the
   * rest against {@code Closed} rather than the default avoids reporting mistakes the user did
   * not make.
   */
  private static Object sameIgnoringCase(Class<?> type, String value) {
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> ((Enum<?>) e).name().equalsIgnoreCase(value.trim()))
        .findFirst()
        .orElse(null);
  }

  @Override
  public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> type, Number value, String failureMsg) {
    String message =
        type == Integer.class && (value instanceof BigInteger || value instanceof Long)
            ? "must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE
            : "must be " + expected(type);
    problems.add(JacksonPaths.ofValue(ctxt.getParser()), message + ", got " + value);
    return null;
  }

  @Override
  public Object handleUnexpectedToken(
      DeserializationContext ctxt, JavaType type, JsonToken token, JsonParser p, String failureMsg)
      throws IOException {
    return mismatch(type.getRawClass(), p);
  }

  @Override
  public Object handleMissingInstantiator(
      DeserializationContext ctxt, Class<?> type, ValueInstantiator instantiator, JsonParser p, String msg)
      throws IOException {
    return mismatch(type, p);
  }

  private Object mismatch(Class<?> type, JsonParser p) throws IOException {
    problems.add(JacksonPaths.ofValue(p), "must be " + expected(type) + ", got " + found(p));
    p.skipChildren();
    return null;
  }

  private static String expected(Class<?> type) {
    if (type == String.class || type == Character.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class
        || type == Short.class || type == BigInteger.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == BigDecimal.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      return "one of " + String.join(", ", enumNames(type));
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return Map.class.isAssignableFrom(type) ? "a map" : "an object";
  }

  private static String found(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_ARRAY -> "a list";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "'" + p.getText() + "'";
      case VALUE_NULL -> "null";
      default -> p.getText();
    };
  }

  private static List<String> enumNames(Class<?> type) {
    return Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
  }
}
