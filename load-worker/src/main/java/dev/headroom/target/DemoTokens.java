package dev.headroom.target;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The demo shop's login tokens: a random nonce and its keyed digest, so that any token the target
 * issued checks out and nothing else does, with no memory kept per token however long a run lasts.
 */
final class DemoTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final String key;

  DemoTokens() {
    byte[] k = new byte[16];
    RANDOM.nextBytes(k);
    key = HexFormat.of().formatHex(k);
  }

  String issue() {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    String n = HexFormat.of().formatHex(nonce);
    return n + "." + sign(n);
  }

  boolean valid(String token) {
    int dot = token == null ? -1 : token.indexOf('.');
    return dot > 0 && token.substring(dot + 1).equals(sign(token.substring(0, dot)));
  }

  private String sign(String nonce) {
    return DemoRequestHandler.sha256Hex(key + nonce).substring(0, 32);
  }
}
