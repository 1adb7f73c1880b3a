package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** TLS settings for an https target. Verification is on unless switched off here. */
public record Tls(
    @JsonPropertyDescription("Accept any server certificate (for test targets with self-signed certificates).")
    Boolean insecureSkipVerify) {}
