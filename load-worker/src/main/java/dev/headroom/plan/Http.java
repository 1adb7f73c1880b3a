package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Protocol and connection count per worker. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Http(
    @JsonPropertyDescription("HTTP_1_1 (default) or HTTP_2.")
    HttpVersion version,
    @Min(1)
    @Max(PlanValidator.MAX_CONNECTIONS)
    @JsonPropertyDescription("Connections per worker (default 32).")
    Integer connections) {

  public static final int DEFAULT_CONNECTIONS = 32;
}
