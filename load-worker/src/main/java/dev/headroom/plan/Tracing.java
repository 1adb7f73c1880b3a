package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * W3C trace context on a share of requests, so that the slowest of them can be found in the
 * target's own tracing backend.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tracing(
    @Required
    @JsonPropertyDescription(
        "Share of requests that carry a sampled W3C traceparent header, as a percentage (\"1%\") or a"
            + " fraction (0.01), above 0 and at most 100%. Each interval keeps the trace ids of its"
            + " slowest sampled requests for the status and the report.")
    String sampling,
    @JsonPropertyDescription(
        "Where a trace is seen in your tracing backend, with {traceId} where its id goes, e.g."
            + " https://jaeger.example.com/trace/{traceId}. The report links each slow trace there.")
    String link) {

  /** Where the trace id goes in {@link #link}. */
  public static final String TRACE_ID = "{traceId}";

  /** The header that carries the trace context. */
  public static final String HEADER = "traceparent";

  /** The sampled share as a fraction; call only on a validated plan. */
  public double fraction() {
    return Percentages.parse(sampling);
  }

  /** The backend's address of one trace, or null without a link template. */
  public String linkTo(String traceId) {
    return link == null ? null : link.replace(TRACE_ID, traceId);
  }
}
