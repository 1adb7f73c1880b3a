package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.headroom.har.ManifestWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom import har}: a recorded login-then-shop flow against a shop's API, with the
 * page's script and images, an analytics beacon, a session cookie and a bearer token.
 */
class ImportHarCommandTest {

  private static final String TOKEN = "u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzd";
  private static final String COOKIE = "S3ss10nCookieValue0042";

  @TempDir Path dir;
  private Path har;
  private Path out;

  @BeforeEach
  void recording() throws Exception {
    har = dir.resolve("shop-login.har");
    Files.copy(Path.of(getClass().getResource("/har/shop-login.har").toURI()), har);
    out = dir.resolve("shop.yaml");
  }

  private static JsonNode yaml(String text) throws Exception {
    return new YAMLMapper().readTree(text);
  }

  /** Each step as its request's name or its think time. */
  private static List<String> steps(JsonNode manifest) {
    List<String> steps = new ArrayList<>();
    for (JsonNode step : manifest.at("/spec/scenarios/0/steps")) {
      steps.add(step.has("request") ? step.at("/request/name").asText() : "think " + step.at("/think/duration").asText());
    }
    return steps;
  }

  private static JsonNode step(JsonNode manifest, String name) {
    return StreamSupport.stream(manifest.at("/spec/scenarios/0/steps").spliterator(), false)
        .filter(s -> s.at("/request/name").asText().equals(name)).findFirst().orElseThrow().get("request");
  }

  /**
   * A recording of the demo target's shop (its /session/... paths answer only with the token the
   * login gave) imported, then run against a fresh demo target: the journey carries the new
   * login's token, so every step succeeds. Only the load is shortened, from a minute to 3 s.
   */
  @Test
  void aRecordingOfTheDemoShopImportsToAJourneyThatRunsGreen() throws Exception {
    Path recording = dir.resolve("demo-shop.har");
    Files.copy(Path.of(getClass().getResource("/har/demo-shop.har").toURI()), recording);
    Path manifest = dir.resolve("demo-shop.yaml");
    CommandRun imported = CommandRun.of("import", "har", recording.toString(), "-o", manifest.toString());
    assertEquals(ExitCodes.OK, imported.exitCode(), imported.err());
    String text = Files.readString(manifest);
    assertTrue(text.contains("Bearer ${token}"), text);
    assertFalse(text.contains("shop.css"), text);
    Files.writeString(manifest, text.replace("duration: 1m", "duration: 3s").replace("rate: 1.0", "rate: 10.0"));

    Path result = dir.resolve("result.json");
    CommandRun run = CommandRun.of("run", manifest.toString(), "--demo-target", "--quiet", "--json", result.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
    JsonNode status = new YAMLMapper().readTree(result.toFile());
    assertEquals(0, status.at("/summary/errors").asLong(), status.toString());
    JsonNode journey = status.at("/scenarios/0");
    assertEquals(30, journey.path("started").asLong(), status.toString());
    assertEquals(30, journey.path("completed").asLong(), status.toString());
    assertEquals(4 * 30, status.at("/summary/requests").asLong(), "four steps a journey: " + status);
  }

  @Test
  void theShopFlowBecomesOneJourneyWithItsCapturesPausesAndTheCookieAsASecret() throws Exception {
    CommandRun run = CommandRun.of("import", "har", har.toString(), "-o", out.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals("", run.out());
    String text = Files.readString(out);
    JsonNode manifest = yaml(text);
    assertEquals("headroom.dev/v1alpha1", manifest.path("apiVersion").asText());
    assertEquals("LoadTest", manifest.path("kind").asText());
    assertEquals("shop-login", manifest.at("/metadata/name").asText());
    assertEquals("https://shop.example", manifest.at("/spec/target/url").asText());
    assertEquals(1, manifest.at("/spec/workers/replicas").asInt());
    assertEquals("1m", manifest.at("/spec/load/stages/0/duration").asText());

    // In the order they started (the file lists the beacon second), without the assets or the beacon.
    assertEquals(List.of("post-login", "think 1.25s", "get-products", "think 850ms", "get-cart", "post-items",
        "think 1.08s", "get-products-2"), steps(manifest));
    assertFalse(text.contains(".js") || text.contains(".png") || text.contains("analytics"), text);

    JsonNode login = step(manifest, "post-login");
    assertEquals("POST", login.path("method").asText());
    assertEquals("{\"user\":\"alice@example.com\",\"password\":\"correct-horse\"}", login.path("body").asText());
    assertEquals(yaml("[{var: token, json: $.token}]"), login.path("capture"));
    JsonNode products = step(manifest, "get-products");
    assertEquals("/api/products?category=tea&page=1", products.path("path").asText());
    assertEquals("Bearer ${token}", products.at("/headers/Authorization").asText());
    assertEquals(yaml("[{var: cartId, json: $.cartId}, {var: sku, json: '$.items[0].sku'}]"), products.path("capture"));
    JsonNode cart = step(manifest, "get-cart");
    assertEquals("/api/cart/${cartId}", cart.path("path").asText());
    assertEquals("Bearer ${token}", cart.at("/headers/Authorization").asText());
    assertEquals("{\"sku\":\"${sku}\",\"qty\":1}", step(manifest, "post-items").path("body").asText());

    // What every request sent alike is the target's; browser noise is nowhere.
    assertEquals(yaml("{Accept: application/json, X-Client-Version: 4.2.0}"), manifest.at("/spec/target/headers"));
    for (String noise : List.of("User-Agent", "user-agent", "Sec-", "sec-", "Referer", "Origin", "Accept-Encoding",
        ":authority", "Content-Length")) {
      assertFalse(text.contains(noise), noise + " in\n" + text);
    }

    // The cookie no answer handed out is a Secret's; neither it nor the token is written anywhere.
    assertEquals(yaml("[{name: Cookie, secretKeyRef: {name: shop-login-secrets, key: cookie}}]"),
        manifest.at("/spec/target/secretHeaders"));
    for (String secret : List.of(TOKEN, COOKIE, "theme=dark")) {
      assertFalse(text.contains(secret), secret + " in\n" + text);
      assertFalse(run.err().contains(secret), secret + " in\n" + run.err());
    }

    // Valid as the operator checks it.
    assertEquals(List.of(), ManifestWriter.check(text));

    assertTrue(run.err().contains("https://shop.example: journey shop-login of 5 requests and 3 pauses"), run.err());
    assertTrue(run.err().contains("skipped 2 static assets (--keep-static keeps them); 1 request to other hosts"
        + " (pick one with --host): https://analytics.example (1)"), run.err());
    assertTrue(run.err().contains("captured token ($.token of post-login), cartId ($.cartId of get-products),"
        + " sku ($.items[0].sku of get-products)"), run.err());
    assertTrue(run.err().contains("post-login sends a password in its body"), run.err());
    assertTrue(run.err().contains("cookie sid (set by post-login) came from an answer, but journeys keep no cookies"),
        run.err());
    assertTrue(run.err().contains(
        "\n  kubectl create secret generic shop-login-secrets --from-literal=cookie='<Cookie value>'\n"), run.err());
    assertTrue(run.err().endsWith("headroom import har: wrote " + out + "\n"), run.err());
  }

  @Test
  void withoutOutputTheManifestIsStdoutAloneSoItCanBePiped() throws Exception {
    CommandRun toFile = CommandRun.of("import", "har", har.toString(), "-o", out.toString());
    CommandRun piped = CommandRun.of("import", "har", har.toString());

    assertEquals(ExitCodes.OK, piped.exitCode(), piped.err());
    assertEquals(Files.readString(out), piped.out());
    assertEquals(toFile.err().replace("headroom import har: wrote " + out + "\n", ""), piped.err());
  }

  @Test
  void hostPicksAnotherHostAndKeepStaticKeepsTheAssets() throws Exception {
    JsonNode beacon = yaml(CommandRun.of("import", "har", har.toString(), "--host", "analytics.example").out());
    assertEquals("https://analytics.example", beacon.at("/spec/target/url").asText());
    assertEquals(List.of("get-collect"), steps(beacon));
    assertEquals("/collect?e=view&t=products", step(beacon, "get-collect").path("path").asText());

    CommandRun all = CommandRun.of("import", "har", har.toString(), "--keep-static");
    assertEquals(ExitCodes.OK, all.exitCode(), all.err());
    assertEquals(List.of("get-app.js", "post-login", "get-logo.png", "think 1.22s", "get-products", "think 850ms",
        "get-cart", "post-items", "think 1.08s", "get-products-2"), steps(yaml(all.out())));
    assertFalse(all.err().contains("static asset"), all.err());
  }

  @Test
  void aMissingFileIsRefusedInOneLine() {
    assertRefused("cannot read " + dir.resolve("none.har") + ": no such file", dir.resolve("none.har").toString());
  }

  @Test
  void aFileThatIsNotJsonIsRefusedSayingWhere() throws Exception {
    Files.writeString(har, "{\"log\": {\"entries\": [}\n");
    assertRefused(har + " is not JSON (line 1, column 22)", har.toString());
  }

  @Test
  void jsonThatIsNotAHarIsRefused() throws Exception {
    Files.writeString(har, "{\"apiVersion\": \"headroom.dev/v1alpha1\", \"kind\": \"LoadTest\"}");
    assertRefused(har + " is not a HAR file: it has no log.entries list", har.toString());
  }

  @Test
  void aHostWithNoRequestsIsRefusedNamingTheHostsThereAre() {
    assertRefused(har + " has no requests for host api.example; it has requests for shop.example (7),"
        + " analytics.example (1)", har.toString(), "--host", "api.example");
  }

  @Test
  void aRecordingOfStaticAssetsAloneIsRefusedPointingToKeepStatic() throws Exception {
    String text = Files.readString(har);
    Files.writeString(har, text.replace("\"mimeType\": \"application/json\"", "\"mimeType\": \"text/css\"")
        .replace("\"mimeType\": \"text/plain\"", "\"mimeType\": \"text/css\""));
    assertRefused(har + " has only static assets; import them with --keep-static", har.toString());
  }

  /** Exit 2, one line naming the problem, no stack trace, and no manifest, not even half of one. */
  private void assertRefused(String message, String... args) {
    List<String> command = new ArrayList<>(List.of("import", "har"));
    command.addAll(List.of(args));
    command.addAll(List.of("-o", out.toString()));

    CommandRun run = CommandRun.of(command.toArray(String[]::new));

    assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
    assertEquals("headroom import har: " + message + "\n", run.err().replaceFirst("(not JSON \\([^)]*\\)).*\n", "$1\n"));
    assertEquals(1, run.errLines(), run.err());
    assertEquals("", run.out());
    assertFalse(Files.exists(out), "no manifest written");
  }

  @Test
  void aManifestThatCannotBeWrittenIsExitThreeAndLeavesNothingBehind() throws Exception {
    Path nowhere = dir.resolve("missing-dir").resolve("shop.yaml");

    CommandRun run = CommandRun.of("import", "har", har.toString(), "-o", nowhere.toString());

    assertEquals(ExitCodes.ERROR, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("headroom import har: cannot write " + nowhere), run.err());
    assertEquals(1, run.errLines(), run.err());
    assertFalse(Files.exists(nowhere));
  }

  @Test
  void importNeedsAFormatAndItsHelpReadsWell() {
    CommandRun bare = CommandRun.of("import");
    assertEquals(ExitCodes.USAGE, bare.exitCode());
    assertTrue(bare.err().contains("missing the recording's format: har"), bare.err());

    CommandRun help = CommandRun.of("import", "har", "--help");
    assertEquals(ExitCodes.OK, help.exitCode(), help.err());
    assertTrue(help.out().contains("${variables}") && help.out().contains("--keep-static"), help.out());
    assertEquals("", help.err());
  }
}
