package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** One step of a journey: a request, or a pause (exactly one of the two). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.request) != has(self.think)", message = "a step is either a request or a think")
public record Step(
    @JsonPropertyDescription("Send this request and wait for its answer, capturing what later steps need.")
    StepRequest request,
    @JsonPropertyDescription("Pause before the next step, as a user reading a page would.")
    Think think) {

  public static Step of(StepRequest request) {
    return new Step(request, null);
  }

  public static Step of(Think think) {
    return new Step(null, think);
  }
}
