package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A stretch of the load. Open model: {@code rate} requests/s, ramping linearly to {@code rampTo}
 * when set. Closed model: {@code users}, each pausing {@code thinkTime} between requests.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Stage(String duration, Double rate, Double rampTo, Integer users, String thinkTime) {}
