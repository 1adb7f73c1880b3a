package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One entry of the weighted request mix. {@code expectStatus} lists the statuses that count as
 * success; when absent, any 2xx or 3xx does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestSpec(
    String name,
    String method,
    String path,
    Map<String, String> headers,
    String body,
    Integer weight,
    List<Integer> expectStatus) {}
