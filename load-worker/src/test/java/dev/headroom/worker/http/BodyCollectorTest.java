package dev.headroom.worker.http;

import static dev.headroom.worker.http.Http1ResponseParser.COMPLETE;
import static dev.headroom.worker.http.Http1ResponseParser.NEED_MORE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parser hands a body to a collector, split anywhere, without its chunk framing. */
class BodyCollectorTest {

  /** The body collected from {@code response} read in two parts split at {@code split}. */
  private static String collect(String response, int split, BodyCollector collector, boolean closeAtEnd) {
    Http1ResponseParser parser = new Http1ResponseParser();
    collector.clear();
    parser.start(false, collector);
    int result = NEED_MORE;
    for (String read : new String[] {response.substring(0, split), response.substring(split)}) {
      result = parser.parse(Unpooled.wrappedBuffer(read.getBytes(StandardCharsets.ISO_8859_1)));
      if (result != NEED_MORE) {
        break;
      }
    }
    if (closeAtEnd) {
      result = parser.endOfInput();
    }
    assertEquals(COMPLETE, result, response);
    return new String(collector.bytes(), 0, collector.length(), StandardCharsets.ISO_8859_1);
  }

  private static void collectsAtEverySplit(String response, String body, boolean closeAtEnd) {
    BodyCollector collector = new BodyCollector(1 << 20);
    for (int split = 0; split <= response.length(); split++) {
      assertEquals(body, collect(response, split, collector, closeAtEnd), "split at " + split);
    }
  }

  @Test
  void aContentLengthBody() {
    collectsAtEverySplit("HTTP/1.1 200 OK\r\nContent-Length: 15\r\n\r\n{\"token\":\"abc\"}", "{\"token\":\"abc\"}", false);
  }

  @Test
  void aChunkedBodyWithoutItsFramingOrTrailers() {
    collectsAtEverySplit("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;x=y\r\n{\"tok\r\n0A\r\nen\":\"abc\"}\r\n0\r\nX-T: 1\r\n\r\n", "{\"token\":\"abc\"}", false);
  }

  @Test
  void aBodyUntilTheConnectionCloses() {
    collectsAtEverySplit("HTTP/1.1 200 OK\r\n\r\nuntil close", "until close", true);
  }

  @Test
  void aBodyIsKeptUpToTheLimitAndTheArrayIsReused() {
    BodyCollector small = new BodyCollector(4);
    assertEquals("abcd", collect("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nabcdefgh", 30, small, false));
    assertEquals("xy", collect("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nxy", 30, small, false),
        "clear() forgets the last body");
    assertEquals("", collect("HTTP/1.1 204 No Content\r\n\r\n", 5, small, false));
  }
}
