package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A stretch of the load. Open model: {@code rate} requests/s, ramping linearly to {@code rampTo}
 * when set. Closed model: {@code users}, each pausing {@code thinkTime} between requests.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.rampTo) || has(self.rate)", message = "rampTo needs rate: a ramp goes from rate to rampTo")
public record Stage(
    @Required
    @Pattern(ApiPatterns.DURATION)
    @JsonPropertyDescription("How long the stage lasts, above zero: 30s, 2m, 1h30m.")
    String duration,
    @Min(value = 0, inclusive = false)
    @JsonPropertyDescription("Open model: requests per second, total across workers.")
    Double rate,
    @Min(0)
    @JsonPropertyDescription("Open model: ramp linearly from rate to this many requests per second over the stage.")
    Double rampTo,
    @Min(1)
    @JsonPropertyDescription("Closed model: concurrent users, total across workers.")
    Integer users,
    @Pattern(ApiPatterns.DURATION)
    @JsonPropertyDescription("Closed model: each user's pause between a response and its next request.")
    String thinkTime) {}
