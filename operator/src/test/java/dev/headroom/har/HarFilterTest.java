package dev.headroom.har;

import static dev.headroom.har.Exchange.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HarFilterTest {

  private static final List<HarEntry> PAGE = Exchange.entries(
      get("https://cdn.example/lib.js").answer("text/javascript", "x"),
      get("https://shop.example/").answer("text/html", "<html>"),
      get("https://shop.example/app.css?v=2").answer("text/plain", "x"),
      get("https://shop.example/font").answer("font/woff2", "x"),
      get("https://shop.example/hero").answer("application/octet-stream", "x").resourceType("image"),
      get("https://fonts.example/f.woff2").answer("font/woff2", "x"),
      get("https://shop.example/api/cart").json("{}"),
      get("https://shop.example/api/poll").status(0),
      Exchange.send("CONNECT", "https://shop.example/"),
      get("data:text/plain,hi"),
      get("https://analytics.example/collect").answer("text/plain", ""));

  private static List<String> paths(HarFilter.Selection s) {
    return s.kept().stream().map(k -> k.url().pathAndQuery()).toList();
  }

  @Test
  void theHostIsThatOfTheFirstRequestThatIsNotAStaticAssetAndAssetsAreDroppedByTypeExtensionOrKind() {
    HarFilter.Selection s = HarFilter.select(PAGE, null, false, "t.har");

    assertEquals("https://shop.example", s.origin());
    assertEquals(List.of("/", "/api/cart"), paths(s));
    assertEquals(3, s.staticSkipped());
    assertEquals(Map.of("https://cdn.example", 1, "https://fonts.example", 1, "https://analytics.example", 1),
        s.otherOrigins());
    assertEquals(3, s.notReplayable(), "no answer, a method Headroom does not send, not http");
  }

  @Test
  void keepStaticKeepsTheAssetsOfTheFirstHost() {
    HarFilter.Selection s = HarFilter.select(PAGE, null, true, "t.har");

    assertEquals("https://cdn.example", s.origin());
    assertEquals(List.of("/lib.js"), paths(s));
  }

  @Test
  void hostPicksOneByNameNameAndPortOrUrl() {
    assertEquals("https://analytics.example", HarFilter.select(PAGE, "analytics.example", false, "t.har").origin());
    assertEquals("https://shop.example", HarFilter.select(PAGE, "https://SHOP.example/", false, "t.har").origin());
    List<HarEntry> ports = Exchange.entries(get("http://localhost:8080/a"), get("http://localhost:9090/b"));
    assertEquals(List.of("/b"), paths(HarFilter.select(ports, "localhost:9090", false, "t.har")));
  }

  @Test
  void aHostWithNothingToKeepIsRefusedSayingWhatThereIs() {
    HarException none = assertThrows(HarException.class, () -> HarFilter.select(PAGE, "api.example", false, "t.har"));
    assertEquals("t.har has no requests for host api.example; it has requests for cdn.example (1), shop.example (5),"
        + " fonts.example (1), analytics.example (1)", none.getMessage());

    HarException assets = assertThrows(HarException.class, () -> HarFilter.select(PAGE, "cdn.example", false, "t.har"));
    assertTrue(assets.getMessage().contains("only static assets for https://cdn.example (1); import them with"
        + " --keep-static"), assets.getMessage());

    List<HarEntry> onlyAssets = Exchange.entries(get("https://a.example/x.png"), get("https://b.example/y.js"));
    HarException all = assertThrows(HarException.class, () -> HarFilter.select(onlyAssets, null, false, "t.har"));
    assertEquals("t.har has only static assets; import them with --keep-static", all.getMessage());
  }
}
