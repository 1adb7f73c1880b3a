package dev.headroom.har;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RecordedUrlTest {

  @Test
  void theOriginIsTheTargetAndThePathWithItsQueryTheStepsWithoutTheFragment() {
    RecordedUrl url = RecordedUrl.parse("HTTPS://Shop.Example:8443/api/items?page=2&q=tea#reviews");

    assertEquals("https://shop.example:8443", url.origin());
    assertEquals("shop.example", url.host());
    assertEquals("/api/items?page=2&q=tea", url.pathAndQuery());
  }

  @Test
  void userInfoIsACredentialAndNeverKept() {
    RecordedUrl url = RecordedUrl.parse("https://bob:hunter22@shop.example/account");

    assertEquals("https://shop.example", url.origin());
    assertFalse(url.toString().contains("hunter22"), url.toString());
  }

  @Test
  void aPathIsAlwaysAbsoluteAndHoldsNothingTheValidatorRefuses() {
    assertEquals("/", RecordedUrl.parse("http://shop.example").pathAndQuery());
    assertEquals("/?q=1", RecordedUrl.parse("http://shop.example?q=1").pathAndQuery());
    assertEquals("/search?q=green%20tea|x{1}", RecordedUrl.parse("http://shop.example/search?q=green tea|x{1}").pathAndQuery());
  }

  @Test
  void whatIsNotHttpIsNotAUrlToSendAgain() {
    assertNull(RecordedUrl.parse("data:image/png;base64,iVBORw=="));
    assertNull(RecordedUrl.parse("wss://shop.example/live"));
    assertNull(RecordedUrl.parse("chrome-extension://abc/popup.html"));
  }

  @Test
  void aHostMatchesWithOrWithoutItsPort() {
    RecordedUrl url = RecordedUrl.parse("http://localhost:8080/x");

    assertEquals(List.of(true, true, false), Stream.of("localhost", "LOCALHOST:8080", "localhost:9090").map(url::isHost).toList());
    assertEquals("[::1]", RecordedUrl.parse("http://[::1]:8080/").host());
    assertTrue(RecordedUrl.parse("https://shop.example/").isHost("shop.example:443"), "the scheme's default port");
  }
}
