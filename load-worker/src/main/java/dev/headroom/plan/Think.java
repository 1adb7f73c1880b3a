package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * A pause between two steps: {@code duration} for a fixed one; {@code min} and {@code max} for a
 * uniform draw between them; {@code distribution: Exponential} with {@code mean} (and optional
 * {@code min}/{@code max} bounds) for the bursty pauses of real users.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Think(
    @Pattern(ApiPatterns.DURATION)
    @JsonPropertyDescription("A fixed pause, such as 1s.")
    String duration,
    @Pattern(ApiPatterns.DURATION)
    @JsonPropertyDescription("The shortest pause (Uniform: required; Exponential: a lower bound).")
    String min,
    @Pattern(ApiPatterns.DURATION)
    @JsonPropertyDescription("The longest pause (Uniform: required; Exponential: an upper bound).")
    String max,
    @Pattern(ApiPatterns.DURATION)
    @JsonPropertyDescription("Exponential: the mean pause.")
    String mean,
    @JsonPropertyDescription("Uniform (default with min and max) or Exponential (with mean).")
    Distribution distribution) {

  /** How a varying pause is drawn. */
  public enum Distribution {
    Uniform,
    Exponential
  }

  public static Think fixed(String duration) {
    return new Think(duration, null, null, null, null);
  }

  public static Think uniform(String min, String max) {
    return new Think(null, min, max, null, null);
  }

  public static Think exponential(String mean, String min, String max) {
    return new Think(null, min, max, mean, Distribution.Exponential);
  }
}
