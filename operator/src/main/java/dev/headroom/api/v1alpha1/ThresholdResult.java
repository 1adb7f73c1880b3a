package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One threshold of the spec, evaluated.
 *
 * @param request the request it was limited to; absent for all requests
 * @param scenario the scenario whose journeys it judged; absent for requests
 * @param limit the limit as written in the spec
 * @param actual the measured value in the same form; absent when there was nothing to measure
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThresholdResult(
    String metric,
    String request,
    @JsonPropertyDescription("The limit as written in the spec.") String limit,
    @JsonPropertyDescription("The measured value in the same form; absent when nothing was measured.") String actual,
    Boolean passed,
    String scenario) {

  public ThresholdResult(String metric, String request, String limit, String actual, Boolean passed) {
    this(metric, request, limit, actual, passed, null);
  }
}
