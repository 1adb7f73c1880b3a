package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The system under test: a base URL that request paths are relative to, and how to talk to it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Target(
    String url,
    Map<String, String> headers,
    List<SecretHeader> secretHeaders,
    /** Per request, measured from the intended send time (so it bounds queueing too). Default 5s. */
    String timeout,
    Http http,
    Tls tls) {}
