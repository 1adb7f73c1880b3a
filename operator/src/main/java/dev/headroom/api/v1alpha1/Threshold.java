package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A pass/fail gate on one metric: a latency ({@code min mean p50 p90 p95 p99 p999 max}) with a
 * duration limit, {@code errorRate} with a percentage, or {@code rps} (achieved) with a number.
 * Latencies and error rates take {@code max}; {@code rps} takes {@code min}.
 *
 * @param request limit the gate to one request name; all requests when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Threshold(String metric, String request, String max, String min) {}
