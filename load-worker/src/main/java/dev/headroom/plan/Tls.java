package dev.headroom.plan;

/** TLS settings for an https target. Verification is on unless switched off here. */
public record Tls(Boolean insecureSkipVerify) {}
