package dev.headroom.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.journey.Journey;
import dev.headroom.journey.Session;
import dev.headroom.plan.Capture;
import dev.headroom.plan.RequestTemplate;
import dev.headroom.plan.Scenario;
import dev.headroom.plan.Step;
import dev.headroom.plan.StepRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Http1StepEncoderTest {

  private static final List<Map.Entry<String, String>> COMMON =
      List.of(new SimpleImmutableEntry<>("Accept", "application/json"), new SimpleImmutableEntry<>("X-Secret", "a${b}"));

  private static Map<String, String> headers(String... nameValue) {
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      h.put(nameValue[i], nameValue[i + 1]);
    }
    return h;
  }

  /** The journey's steps after a login that captured {@code token}. */
  private static Journey journey(StepRequest step) {
    StepRequest login = new StepRequest("login", "POST", "/login", null, null, null, List.of(Capture.json("token", "$.t")));
    return Journey.compile(new Scenario("s", 1, List.of(Step.of(login), Step.of(step))), 0);
  }

  private static String encode(Journey j, Session s) {
    Http1StepEncoder encoder = new Http1StepEncoder((Journey.RequestStep) j.steps().get(1), COMMON, "/api", "shop:8080");
    ByteBuf buf = encoder.encode(s, UnpooledByteBufAllocator.DEFAULT);
    try {
      return buf.toString(StandardCharsets.UTF_8);
    } finally {
      buf.release();
    }
  }

  @Test
  void aStepWithNothingToFillInEncodesExactlyAsAPlainRequest() {
    Journey j = journey(new StepRequest("cart", "POST", "/cart?x=1", headers("Accept", "text/html", "X-A", " 1 "),
        "{\"sku\":\"A-1\"}", null, null));
    List<Map.Entry<String, String>> all = List.of(new SimpleImmutableEntry<>("Accept", "text/html"),
        new SimpleImmutableEntry<>("X-Secret", "a${b}"), new SimpleImmutableEntry<>("X-A", " 1 "));
    byte[] plain = Http1RequestEncoder.encode(new RequestTemplate(0, "cart", "POST", "/api/cart?x=1", all,
        "{\"sku\":\"A-1\"}".getBytes(StandardCharsets.UTF_8), new int[0]), "shop:8080");

    assertEquals(new String(plain, StandardCharsets.UTF_8), encode(j, new Session(1, 0, new SplittableRandom(1))),
        "the step's header replaces the target's of the same name in place, as for a plain request");
  }

  @Test
  void placeholdersAreRenderedPerSendWithTheBodysLengthInBytes() {
    Journey j = journey(new StepRequest("cart", "PUT", "/cart/${token}/${journey}",
        headers("Authorization", "Bearer ${token}"), "{\"n\":\"é${workerIndex}\"}", null, null));
    Session s = new Session(j.slots(), 2, new SplittableRandom(1));
    s.start(7);
    s.set(0, "tök en#1");

    assertEquals("PUT /api/cart/t%C3%B6k%20en%231/7 HTTP/1.1\r\n"
            + "Host: shop:8080\r\n"
            + "Accept: application/json\r\n"
            + "X-Secret: a${b}\r\n"
            + "Authorization: Bearer tök en#1\r\n"
            + "Content-Length: 11\r\n"
            + "\r\n"
            + "{\"n\":\"é2\"}",
        encode(j, s), "a captured value is percent-encoded in the path; secret values are never templates");
  }

  @Test
  void aBodylessGetHasNoContentLength() {
    Journey j = journey(new StepRequest("cart", null, "/c/${token}", null, null, null, null));
    Session s = new Session(j.slots(), 0, new SplittableRandom(1));
    s.start(0);
    s.set(0, "x");

    assertEquals("GET /api/c/x HTTP/1.1\r\nHost: shop:8080\r\nAccept: application/json\r\nX-Secret: a${b}\r\n\r\n",
        encode(j, s));
  }
}
