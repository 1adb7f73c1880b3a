package dev.headroom.operator.model;

import java.security.SecureRandom;
import java.util.Base64;

/** A run's control token: 192 random bits, URL-safe, so it fits a header and a file as-is. */
public final class RunToken {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RunToken() {}

  public static String generate() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
