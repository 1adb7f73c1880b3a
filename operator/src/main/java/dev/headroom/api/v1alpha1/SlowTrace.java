package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One of a run's slowest requests that carried trace context ({@code spec.target.tracing}): the
 * trace to open in the target's tracing backend.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlowTrace(
    @JsonPropertyDescription("The W3C trace id it was sent with (32 hex digits).")
    String traceId,
    @JsonPropertyDescription("The request's name.")
    String request,
    @JsonPropertyDescription("From its intended send time to the end of its response (or its timeout).")
    String latency,
    @JsonPropertyDescription("The response's status; absent when it timed out.")
    Integer status,
    @JsonPropertyDescription("Start of the interval it was sent in (RFC 3339).")
    String interval,
    @JsonPropertyDescription("The trace in the tracing backend, from spec.target.tracing.link.")
    String link) {

  public SlowTrace withLink(String address) {
    return new SlowTrace(traceId, request, latency, status, interval, address);
  }
}
