package dev.headroom.journey;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.JsonPointerBasedFilter;
import com.fasterxml.jackson.core.filter.TokenFilter;
import java.io.IOException;

/**
 * Takes one scalar from a JSON body by a streaming scan that stops at the field: the tokens before
 * it are skipped without building a tree, and nothing after it is read, so a large answer costs
 * only as much as the part in front of the value.
 */
public final class JsonCapture {

  /** Thread-safe and costly to build: one for all captures. */
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final JsonPointer pointer;

  public JsonCapture(JsonPointer pointer) {
    this.pointer = pointer;
  }

  /**
   * The value at the pointer as text (a string as is; a number or boolean as written), or null
   * when the body has no such field, holds an object, array or null there, or is not JSON up to it.
   */
  public String find(byte[] body, int offset, int length) {
    try (JsonParser parser = new FilteringParserDelegate(
        JSON.createParser(body, offset, length), new JsonPointerBasedFilter(pointer),
        TokenFilter.Inclusion.ONLY_INCLUDE_ALL, false)) {
      JsonToken token = parser.nextToken();
      if (token == null || !token.isScalarValue() || token == JsonToken.VALUE_NULL) {
        return null;
      }
      return parser.getText();
    } catch (IOException e) {
      // A body that is not JSON before the field is a capture miss, like one without the field.
      return null;
    }
  }
}
