package dev.headroom.har;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.har.HeaderRules.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderRulesTest {

  @Test
  void browserAndTransportNoiseIsDroppedCredentialsAreSecretAndTheApplicationsOwnKept() {
    for (String noise : List.of(":authority", "Host", "user-agent", "Accept-Encoding", "sec-fetch-mode", "Sec-CH-UA",
        "Connection", "content-length", "Origin", "Referer", "Proxy-Authorization", "If-None-Match", "X-Client-Data")) {
      assertEquals(Kind.DROPPED, HeaderRules.kind(noise), noise);
    }
    for (String credential : List.of("Authorization", "cookie", "X-Api-Key", "X-CSRF-Token", "X-Session-Id", "Api-Key")) {
      assertEquals(Kind.SECRET, HeaderRules.kind(credential), credential);
    }
    for (String kept : List.of("Content-Type", "accept", "X-Requested-With", "x-tenant")) {
      assertEquals(Kind.KEPT, HeaderRules.kind(kept), kept);
    }
    assertEquals(Kind.KEPT_IF_CAPTURED, HeaderRules.kind("Accept-Language"));
    assertEquals(Kind.KEPT_IF_CAPTURED, HeaderRules.kind("Idempotency-Key"));
  }

  @Test
  void namesAreWrittenOneWayAndRepeatsJoined() {
    Map<String, String> headers = HeaderRules.candidates(List.of(
        new HarEntry.Header("content-type", "application/json"),
        new HarEntry.Header("user-agent", "Mozilla/5.0"),
        new HarEntry.Header("cookie", "a=1"),
        new HarEntry.Header("Cookie", "b=2"),
        new HarEntry.Header("x-trace", "one"),
        new HarEntry.Header("X-TRACE", "two")));

    assertEquals(Map.of("Content-Type", "application/json", "Cookie", "a=1; b=2", "X-Trace", "one, two"), headers);
  }

  @Test
  void aCredentialStaysAStepHeaderOnlyWhenItIsCapturedValuesAndItsScheme() {
    assertTrue(HeaderRules.onlyCaptured("Bearer ${token}"));
    assertTrue(HeaderRules.onlyCaptured("${csrf}"));
    assertFalse(HeaderRules.onlyCaptured("Bearer eyJhbGciOi"));
    assertFalse(HeaderRules.onlyCaptured("sid=${sid}; theme=dark"));
    assertFalse(HeaderRules.onlyCaptured("Bearer $${token}"), "an escaped placeholder is literal text");
  }
}
