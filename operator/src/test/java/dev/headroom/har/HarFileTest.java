package dev.headroom.har;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarFileTest {

  private static String har(String entries) {
    return "{\"log\": {\"version\": \"1.2\", \"entries\": [" + entries + "]}}";
  }

  private static String entry(String started, String url) {
    return """
        {"startedDateTime": "%s", "time": 12.5, "_initiator": {"type": "script"},
         "request": {"method": "GET", "url": "%s", "headers": [{"name": "accept", "value": "*/*"}]},
         "response": {"status": 200, "headers": [], "content": {"mimeType": "application/json",
           "text": "eyJpZCI6MX0=", "encoding": "base64"}}}
        """.formatted(started, url);
  }

  @Test
  void entriesComeInTheOrderTheyStartedWithTheirAnswersDecoded() {
    List<HarEntry> entries = HarFile.parse(har(entry("2024-05-14T11:00:01.000+02:00", "https://a.example/second") + ","
        + entry("2024-05-14T09:00:00.250Z", "https://a.example/first")), "t.har");

    assertEquals(List.of("https://a.example/first", "https://a.example/second"),
        entries.stream().map(e -> e.request().url()).toList());
    assertEquals(1, entries.get(0).index());
    assertEquals(Instant.parse("2024-05-14T09:00:00.2625Z"), entries.get(0).ended());
    assertEquals("{\"id\":1}", entries.get(0).response().body());
    assertEquals(List.of(new HarEntry.Header("accept", "*/*")), entries.get(0).request().headers());
  }

  @Test
  void whatIsNotAHarIsSaidInOneLineNamingTheFileAndTheProblem() {
    assertProblem("{\"log\": {\"entries\": [", "t.har is not JSON (line 1, column ");
    assertProblem("[1, 2]", "t.har is not a HAR file: it has no log.entries list");
    assertProblem("{\"log\": {\"pages\": []}}", "t.har is not a HAR file: it has no log.entries list");
    assertProblem(har(""), "t.har holds no requests: log.entries is empty");
    assertProblem(har(entry("yesterday", "https://a.example/")),
        "t.har: log.entries[0].startedDateTime: 'yesterday' is not a date and time (ISO 8601)");
    assertProblem(har(entry("2024-05-14T09:00:00Z", "")), "t.har: log.entries[0].request.url: required");
  }

  private static void assertProblem(String text, String expected) {
    HarException e = assertThrows(HarException.class, () -> HarFile.parse(text, "t.har"));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
