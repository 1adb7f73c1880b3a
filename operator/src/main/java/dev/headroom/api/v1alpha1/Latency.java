package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Latency figures read from one merged histogram, each a duration string with three significant
 * digits ({@code 0.41ms}, {@code 41.2ms}, {@code 1.23s}), measured from the intended send time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Latency(
    String min, String mean, String p50, String p90, String p95, String p99, String p999, String max) {}
