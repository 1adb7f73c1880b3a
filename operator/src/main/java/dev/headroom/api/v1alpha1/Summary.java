package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/**
 * The whole measured run (warmup excluded), all requests together.
 *
 * @param errorRate failed share of requests as a percentage string ({@code "0.02%"})
 * @param rps achieved: measured requests over the measured time
 * @param targetRps the time-weighted mean of the stages' target rates; absent for the Closed model,
 *     and for scenarios, whose stage rates count journeys
 * @param journeysPerSecond with scenarios, journeys started over the measured time
 * @param targetJourneysPerSecond with scenarios, what {@code targetRps} is for requests
 * @param latency absent when no request got a response
 * @param errorsByKind failed requests per kind ({@code timeout}, {@code status_503}, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(
    Long requests,
    Long errors,
    @JsonPropertyDescription("Failed share of requests, a percentage string such as \"0.02%\".") String errorRate,
    @JsonPropertyDescription("Achieved requests per second over the measured time.") Double rps,
    @JsonPropertyDescription("The stages' time-weighted target rate of requests; absent for the Closed model and for"
        + " scenarios, whose rates count journeys (targetJourneysPerSecond).") Double targetRps,
    @JsonPropertyDescription("With scenarios: journeys started per second over the measured time.")
    Double journeysPerSecond,
    @JsonPropertyDescription("With scenarios: the stages' time-weighted target rate, in journeys per second; absent"
        + " for the Closed model.") Double targetJourneysPerSecond,
    @JsonPropertyDescription(
        "Latencies from the merged histogram, measured from the intended send time: duration strings with"
            + " three significant digits (0.41ms, 41.2ms, 1.23s).")
    Latency latency,
    @JsonPropertyDescription("Failed requests per kind: timeout, status_503, connect, ...") Map<String, Long> errorsByKind) {

  /** A run of requests: no journeys. */
  public Summary(Long requests, Long errors, String errorRate, Double rps, Double targetRps, Latency latency,
      Map<String, Long> errorsByKind) {
    this(requests, errors, errorRate, rps, targetRps, null, null, latency, errorsByKind);
  }
}
