package dev.headroom.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Integers that refuse {@code 1.5} and {@code 99999999999} through the problem handler. Jackson's
 * own deserializer throws for these without asking the handler, which would end the read at the
 * first such value instead of reporting it with the rest.
 */
final class WholeNumbers extends StdScalarDeserializer<Integer> {

  private static final NumberDeserializers.IntegerDeserializer STANDARD =
      new NumberDeserializers.IntegerDeserializer(Integer.class, null);

  WholeNumbers() {
    super(Integer.class);
  }

  @Override
  public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken token = p.currentToken();
    boolean fitsInt = token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT;
    if (token == JsonToken.VALUE_NUMBER_FLOAT || (token == JsonToken.VALUE_NUMBER_INT && !fitsInt)) {
      return (Integer) ctxt.handleWeirdNumberValue(Integer.class, p.getNumberValue(), "not a whole number in range");
    }
    return STANDARD.deserialize(p, ctxt);
  }
}
