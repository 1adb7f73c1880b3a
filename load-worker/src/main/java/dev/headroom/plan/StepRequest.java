package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/**
 * A request in a journey: a {@link RequestSpec} without a weight (the journey decides when it is
 * sent) whose path, header values and body may hold {@code ${variables}}, and which may capture
 * values from its answer for later steps.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepRequest(
    @Required
    @Pattern(ApiPatterns.REQUEST_NAME)
    @Size(max = PlanValidator.MAX_NAME_LENGTH)
    @JsonPropertyDescription(
        "Unique across all scenarios; names the step's results in status, thresholds and reports.")
    String name,
    @Pattern(ApiPatterns.METHOD)
    @JsonPropertyDescription("GET (default), HEAD, POST, PUT, PATCH, DELETE or OPTIONS.")
    String method,
    @Pattern(ApiPatterns.PATH)
    @JsonPropertyDescription("Appended to the target URL's path; starts with /; may hold ${variables}.")
    String path,
    @JsonPropertyDescription("Headers of this request, over the target's; values may hold ${variables}.")
    Map<String, String> headers,
    @JsonPropertyDescription("The request body; may hold ${variables}.")
    String body,
    @JsonPropertyDescription("Statuses that count as success; when absent, any 2xx or 3xx does.")
    List<@Min(100) @Max(599) Integer> expectStatus,
    @Size(max = PlanValidator.MAX_CAPTURES)
    @JsonPropertyDescription("Values to take from the answer into variables for later steps.")
    List<Capture> capture) {

  /** The request as the plain mix would have it, so both are checked by the same rules. */
  public RequestSpec asRequest() {
    return new RequestSpec(name, method, path, headers, body, null, expectStatus);
  }
}
