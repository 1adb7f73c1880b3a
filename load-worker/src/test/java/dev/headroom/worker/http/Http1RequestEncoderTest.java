package dev.headroom.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.RequestTemplate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Http1RequestEncoderTest {

  @Test
  void getHasHostAndHeadersInOrderAndNoLength() {
    String wire = encode(template("get", "/a?b=1", List.of(Map.entry("Accept", "text/plain"), Map.entry("X-B", " 2 ")), ""));
    assertEquals("GET /a?b=1 HTTP/1.1\r\nHost: shop:8080\r\nAccept: text/plain\r\nX-B: 2\r\n\r\n", wire);
  }

  @Test
  void postCarriesLengthAndBodyEvenWhenEmpty() {
    assertEquals("POST /o HTTP/1.1\r\nHost: shop:8080\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
        encode(template("POST", "/o", List.of(), "{\"a\":1}")));
    assertEquals("PUT /o HTTP/1.1\r\nHost: shop:8080\r\nContent-Length: 0\r\n\r\n",
        encode(template("PUT", "/o", List.of(), "")));
  }

  @Test
  void templateHostWins() {
    String wire = encode(template("GET", "/", List.of(Map.entry("host", "other")), ""));
    assertEquals("GET / HTTP/1.1\r\nhost: other\r\n\r\n", wire);
  }

  @Test
  void connectionCloseIsDetected() {
    assertTrue(Http1RequestEncoder.closesConnection(template("GET", "/", List.of(Map.entry("Connection", "foo, Close")), "")));
    assertFalse(Http1RequestEncoder.closesConnection(template("GET", "/", List.of(Map.entry("Connection", "keep-alive")), "")));
  }

  @Test
  void framingBreakersAreRejectedNamingTheField() {
    var injected = assertThrows(IllegalArgumentException.class,
        () -> encode(template("GET", "/", List.of(Map.entry("X-A", "1\r\nX-B: 2")), "")));
    assertTrue(injected.getMessage().contains("X-A"), injected.getMessage());
    var length = assertThrows(IllegalArgumentException.class,
        () -> encode(template("POST", "/", List.of(Map.entry("Content-Length", "3")), "abc")));
    assertTrue(length.getMessage().contains("Content-Length"), length.getMessage());
    assertThrows(IllegalArgumentException.class, () -> encode(template("GE T", "/", List.of(), "")));
    assertThrows(IllegalArgumentException.class, () -> encode(template("GET", "/a b", List.of(), "")));
  }

  private static String encode(RequestTemplate t) {
    return new String(Http1RequestEncoder.encode(t, "shop:8080"), StandardCharsets.UTF_8);
  }

  private static RequestTemplate template(String method, String path, List<Map.Entry<String, String>> headers, String body) {
    return Lane.request(0, method, path, headers, body);
  }
}
