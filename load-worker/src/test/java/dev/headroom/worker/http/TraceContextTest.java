package dev.headroom.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.headroom.plan.RequestTemplate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The header's exact form, and its place in the pre-encoded request. */
class TraceContextTest {

  @Test
  void headerIsVersionTraceIdParentIdAndTheSampledFlag() {
    TraceContext t = new TraceContext(0x0123456789abcdefL, 0xfedcba9876543210L, 0x00f067aa0ba902b7L);
    assertEquals("00-0123456789abcdeffedcba9876543210-00f067aa0ba902b7-01", t.header());
    assertEquals("0123456789abcdeffedcba9876543210", t.traceId());
  }

  @Test
  void randomContextsDiffer() {
    SplittableRandom random = new SplittableRandom(1);
    assertNotEquals(TraceContext.random(random).traceId(), TraceContext.random(random).traceId());
  }

  @Test
  void theTracedRequestCarriesTheHeaderAfterHostAndIsOtherwiseTheSame() {
    RequestTemplate t = Lane.request(0, "POST", "/orders", List.of(Map.entry("X-A", "1")), "{}");
    String plain = new String(Http1RequestEncoder.encode(t, "example:80"), StandardCharsets.US_ASCII);
    byte[] traced = Http1RequestEncoder.encodeTraced(t, "example:80");
    TraceContext context = new TraceContext(1, 2, 3);
    context.write(traced, Http1RequestEncoder.traceValueAt(traced));
    String expected = plain.replace("Host: example:80\r\n", "Host: example:80\r\ntraceparent: " + context.header() + "\r\n");
    assertEquals(expected, new String(traced, StandardCharsets.US_ASCII));
  }
}
