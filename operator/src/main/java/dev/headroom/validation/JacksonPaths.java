package dev.headroom.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.headroom.plan.FieldPath;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/** Jackson's idea of where a parser or a failure is, as a {@link FieldPath}. */
final class JacksonPaths {

  private JacksonPaths() {}

  /** The path of the value the parser is at. */
  static FieldPath ofValue(JsonParser p) {
    JsonStreamContext context = p.getParsingContext();
    if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
      context = context.getParent(); // the parser has already stepped into the value
    }
    return of(context);
  }

  /** The path of the entry a parsing context is at, each enclosing context giving one step. */
  static FieldPath of(JsonStreamContext context) {
    Deque<JsonStreamContext> chain = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.push(c);
    }
    FieldPath path = FieldPath.ROOT;
    for (JsonStreamContext c : chain) {
      if (c.inArray()) {
        path = path.index(Math.max(0, c.getCurrentIndex()));
      } else if (c.getCurrentName() != null) {
        path = path.field(c.getCurrentName());
      }
    }
    return path;
  }

  /** Where a read failed: Jackson's reference path when it kept one, else its parser's place. */
  static FieldPath of(IOException e) {
    FieldPath path = FieldPath.ROOT;
    if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
      for (JsonMappingException.Reference ref : jme.getPath()) {
        path = ref.getFieldName() != null ? path.field(ref.getFieldName()) : path.index(Math.max(0, ref.getIndex()));
      }
    } else if (e instanceof JsonProcessingException jpe && jpe.getProcessor() instanceof JsonParser p) {
      path = ofValue(p);
    }
    return path;
  }
}
