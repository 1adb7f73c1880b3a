package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Protocol and connection count per worker. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Http(HttpVersion version, Integer connections) {

  public static final int DEFAULT_CONNECTIONS = 32;
}
