package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Takes one value from an answer into a journey variable: from the JSON body, a header, or a
 * regular expression over the body (exactly one). When the answer does not have it, the step
 * fails with error kind {@code capture} and the journey ends, unless {@code default} is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "(has(self.json) ? 1 : 0) + (has(self.header) ? 1 : 0) + (has(self.regex) ? 1 : 0) == 1",
    message = "a capture takes its value from exactly one of json, header or regex")
public record Capture(
    @Required
    @JsonPropertyDescription("The variable to set, used as ${var} by later steps.")
    String var,
    @JsonPropertyDescription(
        "Where the value sits in a JSON body: a JSON path ($.token, $.items[0].id) or a JSON pointer"
            + " (/token).")
    String json,
    @JsonPropertyDescription("A response header to take the value of.")
    String header,
    @JsonPropertyDescription("A regular expression over the body; the value is its first group, or the whole match.")
    String regex,
    @JsonProperty("default")
    @JsonPropertyDescription("The value when the answer does not have one; without it a miss ends the journey.")
    String defaultValue) {

  public static Capture json(String var, String path) {
    return new Capture(var, path, null, null, null);
  }

  public static Capture header(String var, String name) {
    return new Capture(var, null, name, null, null);
  }

  public static Capture regex(String var, String regex) {
    return new Capture(var, null, null, regex, null);
  }

  public Capture withDefault(String value) {
    return new Capture(var, json, header, regex, value);
  }
}
