package dev.headroom.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.headroom.plan.CaptureSource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonCaptureTest {

  private static String find(String path, String body) {
    byte[] bytes = ("xx" + body + "yy").getBytes(StandardCharsets.UTF_8);
    return new JsonCapture(CaptureSource.json(path).pointer()).find(bytes, 2, bytes.length - 4);
  }

  @Test
  void findsScalarsByPathOrPointerWithinTheGivenSlice() {
    String body = "{\"user\":{\"name\":\"ann\",\"tags\":[\"a\"]},\"items\":[{\"id\":7},{\"id\":8.5}],\"ok\":true,"
        + "\"token\":\"t-1\"}";
    assertEquals("t-1", find("$.token", body));
    assertEquals("ann", find("/user/name", body));
    assertEquals("8.5", find("$.items[1].id", body));
    assertEquals("true", find("$['ok']", body));
  }

  @Test
  void aMissingFieldAnObjectANullOrABodyThatIsNotJsonIsAMiss() {
    assertNull(find("$.token", "{\"tokens\":\"x\"}"));
    assertNull(find("$.user", "{\"user\":{\"name\":\"ann\"}}"), "an object is not a value to put in a request");
    assertNull(find("$.token", "{\"token\":null}"));
    assertNull(find("$.token", "<html>502 Bad Gateway</html>"));
    assertNull(find("$.token", ""));
  }

  @Test
  void theScanStopsAtTheFieldAndReadsNothingAfterIt() {
    // Everything after the value is broken: a scan that went on would fail and miss the value.
    assertEquals("abc", find("$.token", "{\"skip\":[1,{\"token\":\"nested\"}],\"token\":\"abc\", !!! not json"));
  }
}
