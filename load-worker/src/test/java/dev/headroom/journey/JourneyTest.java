package dev.headroom.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.journey.Journey.RequestStep;
import dev.headroom.journey.Journey.ThinkStep;
import dev.headroom.plan.Capture;
import dev.headroom.plan.Scenario;
import dev.headroom.plan.Step;
import dev.headroom.plan.StepRequest;
import dev.headroom.plan.Think;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class JourneyTest {

  private static final Scenario CHECKOUT = new Scenario("checkout", 3, List.of(
      Step.of(new StepRequest("login", "POST", "/login", null, "{\"user\":\"u${workerIndex}-${journey}\"}", null,
          List.of(Capture.json("token", "$.token"), Capture.header("etag", "ETag").withDefault("none")))),
      Step.of(Think.fixed("1s")),
      Step.of(new StepRequest("cart", null, "/cart/${etag}?n=${randomInt(7,7)}",
          Map.of("Authorization", "Bearer ${token}"), null, List.of(200), null)),
      Step.of(new StepRequest("home", null, null, Map.of("Accept", "text/html"), null, null, null))));

  private static final UnaryOperator<String> NO_HEADERS = name -> null;

  private static String render(CompiledTemplate t, Session s) {
    StringBuilder out = new StringBuilder();
    t.render(out, s);
    return out.toString();
  }

  private static boolean capture(CompiledCapture c, UnaryOperator<String> headers, String body, Session s) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return c.apply(headers, bytes, 0, bytes.length, s);
  }

  @Test
  void stepsCompileInOrderWithRequestIndexesSlotsAndThinkTimes() {
    Journey j = Journey.compile(CHECKOUT, 5);

    assertEquals("checkout", j.name());
    assertEquals(3, j.weight());
    assertEquals(2, j.slots(), "token and etag");
    RequestStep login = (RequestStep) j.steps().get(0);
    RequestStep cart = (RequestStep) j.steps().get(2);
    RequestStep home = (RequestStep) j.steps().get(3);
    assertEquals(List.of(5, 6, 7), List.of(login.requestIndex(), cart.requestIndex(), home.requestIndex()));
    assertEquals(1_000_000_000L, ((ThinkStep) j.steps().get(1)).think().nanos(new SplittableRandom()));
    assertEquals("GET", cart.method());
    assertFalse(login.isLiteral());
    assertFalse(cart.isLiteral());
    assertTrue(home.isLiteral(), "a step with nothing to fill in can keep the pre-encoded fast path");
    assertEquals("/", home.path().literal());
  }

  @Test
  void capturesFillTheSessionThatLaterTemplatesRead() {
    Journey j = Journey.compile(CHECKOUT, 0);
    RequestStep login = (RequestStep) j.steps().get(0);
    RequestStep cart = (RequestStep) j.steps().get(2);
    Session s = new Session(j.slots(), 3, new SplittableRandom(1));
    s.start(41);

    assertEquals("{\"user\":\"u3-41\"}", render(login.body(), s));
    assertTrue(capture(login.captures().get(0), NO_HEADERS, "{\"token\":\"abc\"}", s));
    assertTrue(capture(login.captures().get(1), name -> name.equalsIgnoreCase("etag") ? "v1" : null, "", s));
    assertEquals("/cart/v1?n=7", render(cart.path(), s));
    assertEquals("Bearer abc", render(cart.headers().get(0).getValue(), s));

    s.start(42);
    assertEquals("Bearer ", render(cart.headers().get(0).getValue(), s), "a new journey starts with no variables");
  }

  @Test
  void aMissWithoutADefaultFailsTheStepAndAMissWithOneUsesIt() {
    Journey j = Journey.compile(CHECKOUT, 0);
    RequestStep login = (RequestStep) j.steps().get(0);
    Session s = new Session(j.slots(), 0, new SplittableRandom(1));
    s.start(0);

    assertFalse(capture(login.captures().get(0), NO_HEADERS, "{\"error\":\"locked\"}", s));
    assertNull(s.value(0));
    assertTrue(capture(login.captures().get(1), NO_HEADERS, "", s));
    assertEquals("none", s.value(1));
    assertFalse(capture(login.captures().get(0), NO_HEADERS, "{\"token\":\"a\\r\\nX-Evil: 1\"}", s),
        "a value that would split a header is not taken");
  }

  @Test
  void aRegexCaptureTakesItsFirstGroupOrTheWholeMatch() {
    Session s = new Session(2, 0, new SplittableRandom(1));
    s.start(0);
    CompiledCapture group = new CompiledCapture(0, Capture.regex("csrf", "name=\"csrf\" value=\"([^\"]+)\""));
    CompiledCapture whole = new CompiledCapture(1, Capture.regex("order", "ORD-[0-9]+"));

    assertTrue(capture(group, NO_HEADERS, "<input name=\"csrf\" value=\"k9\">", s));
    assertTrue(capture(whole, NO_HEADERS, "placed ORD-123 at 10:00", s));
    assertEquals(List.of("k9", "ORD-123"), List.of(s.value(0), s.value(1)));
    assertTrue(group.needsBody());
  }

  @Test
  void builtInsAreFreshAtEachUse() {
    CompiledTemplate t = CompiledTemplate.of("${uuid} ${uuid} ${randomInt(1,1000000)}", Map.of());
    Session s = new Session(0, 0, new SplittableRandom(7));
    String[] parts = render(t, s).split(" ");

    assertTrue(parts[0].matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), parts[0]);
    assertFalse(parts[0].equals(parts[1]));
    long n = Long.parseLong(parts[2]);
    assertTrue(n >= 1 && n <= 1_000_000);
  }
}
