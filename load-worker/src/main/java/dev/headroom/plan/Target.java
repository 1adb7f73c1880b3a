package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/** The system under test: a base URL that request paths are relative to, and how to talk to it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Target(
    @Required
    @Pattern(ApiPatterns.URL)
    @JsonPropertyDescription("Base URL (http:// or https://, no query); request paths are relative to it.")
    String url,
    @JsonPropertyDescription("Headers sent with every request, name to value.")
    Map<String, String> headers,
    @JsonPropertyDescription(
        "Headers whose values come from Secrets in the LoadTest's namespace, mounted into the workers;"
            + " the values are never copied into the plan, the status or logs.")
    List<SecretHeader> secretHeaders,
    /** Per request, measured from the intended send time (so it bounds queueing too). Default 5s. */
    @Pattern(ApiPatterns.DURATION)
    @JsonPropertyDescription(
        "Per request, measured from the intended send time, so it bounds queueing too. A duration such as 5s (the default).")
    String timeout,
    Http http,
    Tls tls,
    @JsonPropertyDescription(
        "Optional W3C trace context on a share of requests; off when absent, at no cost to the others.")
    Tracing tracing) {}
