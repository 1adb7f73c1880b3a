package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/**
 * One entry of the weighted request mix. {@code expectStatus} lists the statuses that count as
 * success; when absent, any 2xx or 3xx does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestSpec(
    @Required
    @Pattern(ApiPatterns.REQUEST_NAME)
    @Size(max = PlanValidator.MAX_NAME_LENGTH)
    @JsonPropertyDescription(
        "Unique in the mix; names the request in status, thresholds and reports. Lower-case letters,"
            + " digits, '-', '_' and '.'.")
    String name,
    @Pattern(ApiPatterns.METHOD)
    @JsonPropertyDescription("GET (default), HEAD, POST, PUT, PATCH, DELETE or OPTIONS.")
    String method,
    @Pattern(ApiPatterns.PATH)
    @JsonPropertyDescription("Appended to the target URL's path; starts with / (the default), may carry a query.")
    String path,
    @JsonPropertyDescription("Headers of this request, over the target's headers of the same name.")
    Map<String, String> headers,
    @JsonPropertyDescription("The request body, sent as is.")
    String body,
    @Min(0)
    @JsonPropertyDescription("Relative share of the mix (default 1): weights 9 and 1 send 90% and 10%.")
    Integer weight,
    @JsonPropertyDescription("Statuses that count as success; when absent, any 2xx or 3xx does.")
    List<@Min(100) @Max(599) Integer> expectStatus) {}
