package dev.headroom.worker.http;

import static dev.headroom.worker.http.Http1ResponseParser.COMPLETE;
import static dev.headroom.worker.http.Http1ResponseParser.MALFORMED;
import static dev.headroom.worker.http.Http1ResponseParser.NEED_MORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every response here is fed whole, split at every byte boundary into two reads, and one byte per
 * read; all three must give the same verdict, since TCP may cut a response anywhere.
 */
class Http1ResponseParserTest {

  private static final String OK_BODY = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: t\r\n\r\nhello";

  @Test
  void contentLengthResponse() {
    Outcome o = parseEverySplit(OK_BODY, false);
    assertEquals(200, o.status);
    assertEquals(OK_BODY.length(), o.bytes);
    assertFalse(o.closeAfter);
  }

  @Test
  void headerNamesAndTokensAreCaseInsensitive() {
    String r = "HTTP/1.1 200 OK\r\nCONTENT-length:3\r\ncOnNeCtIoN:  Keep-Alive , CLOSE \r\n\r\nabc";
    Outcome o = parseEverySplit(r, false);
    assertEquals(r.length(), o.bytes);
    assertTrue(o.closeAfter);
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailers() {
    String r = "HTTP/1.1 201 Created\r\nTransfer-Encoding: Chunked\r\n\r\n"
        + "5;name=value\r\nhello\r\n"
        + "1A\r\nabcdefghijklmnopqrstuvwxyz\r\n"
        + "0\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n";
    Outcome o = parseEverySplit(r, false);
    assertEquals(201, o.status);
    assertEquals(r.length(), o.bytes);
    assertFalse(o.closeAfter);
  }

  @Test
  void chunkedWithoutTrailers() {
    String r = "HTTP/1.1 200 OK\r\ntransfer-encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
    assertEquals(r.length(), parseEverySplit(r, false).bytes);
  }

  @Test
  void connectionCloseWithLengthEndsAtLengthAndAsksToClose() {
    String r = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi";
    Outcome o = parseEverySplit(r, false);
    assertEquals(r.length(), o.bytes);
    assertTrue(o.closeAfter);
  }

  @Test
  void bodyWithoutLengthRunsUntilTheConnectionCloses() {
    String r = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nstreamed until close";
    for (int split = 0; split <= r.length(); split++) {
      Http1ResponseParser p = new Http1ResponseParser();
      p.start(false);
      assertEquals(NEED_MORE, p.parse(buf(r.substring(0, split))));
      assertEquals(NEED_MORE, p.parse(buf(r.substring(split))));
      assertEquals(COMPLETE, p.endOfInput());
      assertEquals(r.length(), p.bytes());
      assertTrue(p.closeAfter());
    }
  }

  @Test
  void truncatedResponseIsNotCompleteAtClose() {
    String r = OK_BODY.substring(0, OK_BODY.length() - 1);
    for (int cut = 0; cut <= r.length(); cut++) {
      Http1ResponseParser p = new Http1ResponseParser();
      p.start(false);
      assertEquals(NEED_MORE, p.parse(buf(r.substring(0, cut))));
      assertEquals(NEED_MORE, p.endOfInput(), "cut at " + cut);
    }
  }

  @Test
  void headResponseHasNoBodyDespiteContentLength() {
    String r = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n";
    Outcome o = parseEverySplit(r, true);
    assertEquals(r.length(), o.bytes);
    assertFalse(o.closeAfter);
  }

  @Test
  void noContentAndNotModifiedHaveNoBody() {
    assertEquals(204, parseEverySplit("HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n", false).status);
    assertEquals(304, parseEverySplit("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n", false).status);
  }

  @Test
  void interimResponsesAreSkippedButCounted() {
    String r = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" + OK_BODY;
    Outcome o = parseEverySplit(r, false);
    assertEquals(200, o.status);
    assertEquals(r.length(), o.bytes);
  }

  @Test
  void statusLineMayOmitTheReason() {
    assertEquals(503, parseEverySplit("HTTP/1.1 503\r\nContent-Length: 0\r\n\r\n", false).status);
    assertEquals(404, parseEverySplit("HTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n", false).status);
  }

  @Test
  void http10ClosesUnlessKeptAlive() {
    assertTrue(parseEverySplit("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false).closeAfter);
    assertFalse(parseEverySplit("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", false).closeAfter);
  }

  @Test
  void bytesAfterTheResponseAreLeftUnread() {
    ByteBuf in = buf(OK_BODY + "HTTP/1.1 500 X\r\n");
    Http1ResponseParser p = new Http1ResponseParser();
    p.start(false);
    assertEquals(COMPLETE, p.parse(in));
    assertEquals(OK_BODY.length(), in.readerIndex());
    p.start(false);
    assertEquals(NEED_MORE, p.parse(in));
    assertEquals(500, p.status());
  }

  @Test
  void parserIsReusableAcrossResponses() {
    Http1ResponseParser p = new Http1ResponseParser();
    for (int i = 0; i < 3; i++) {
      p.start(false);
      assertEquals(COMPLETE, p.parse(buf(OK_BODY)));
      assertEquals(OK_BODY.length(), p.bytes());
    }
  }

  @Test
  void malformedInputIsRejectedWhereverItIsSplit() {
    String[] bad = {
      "hello world\r\n\r\n",
      "HTTP/2 200 OK\r\n\r\n",
      "HTTP/1.1 20 OK\r\n\r\n",
      "HTTP/1.1 600 Nope\r\n\r\n",
      "HTTP/1.1 099 Nope\r\n\r\n",
      "HTTP/1.1 2000 OK\r\n\r\n",
      "HTTP/1.1 200 OK\nContent-Length: 0\n\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\n",
      "HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n",
      "HTTP/1.1 200 OK\r\n: empty-name\r\n\r\n",
      "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\nContent-Length: 0\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
      "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1234567890abcdef0\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n folded-trailer\r\n\r\n",
      "HTTP/1.1 101 Switching Protocols\r\n\r\n",
      "HTTP/1.1 200 OK\r\nX-Bad: a\u0001b\r\n\r\n",
    };
    for (String r : bad) {
      assertEquals(MALFORMED, parseEverySplit(r, false).result, r);
    }
  }

  @Test
  void headerBlockLargerThanTheCapIsMalformed() {
    String r = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(Http1ResponseParser.MAX_HEAD_BYTES) + "\r\n\r\n";
    Http1ResponseParser p = new Http1ResponseParser();
    p.start(false);
    assertEquals(MALFORMED, p.parse(buf(r)));
  }

  @Test
  void longBodyIsSkippedAcrossManyReads() {
    int size = 1_000_000;
    String head = "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n";
    Http1ResponseParser p = new Http1ResponseParser();
    p.start(false);
    assertEquals(NEED_MORE, p.parse(buf(head)));
    ByteBuf chunk = Unpooled.wrappedBuffer(new byte[8192]);
    int left = size;
    int result = NEED_MORE;
    while (left > 0) {
      int n = Math.min(left, chunk.capacity());
      result = p.parse(chunk.slice(0, n));
      left -= n;
    }
    assertEquals(COMPLETE, result);
    assertEquals(head.length() + size, p.bytes());
  }

  /**
   * A journey step's header captures: the first value of each named header, case-insensitive in
   * the name, as sent in the value, trimmed; whatever the reads' split. A value longer than the
   * limit is not kept (a capture miss), and the response is still read.
   */
  @Test
  void keptHeadersAreTheirFirstValuesAsSentWhateverTheSplit() {
    String r = "HTTP/1.1 200 OK\r\nX-Token:  AbC-123 \r\nContent-Length: 2\r\nETag: \"v1\"\r\nx-token: later\r\n"
        + "X-Long: " + "a".repeat(Http1ResponseParser.MAX_KEPT_VALUE + 1) + "\r\n\r\nok";
    byte[][] keep = {"x-token".getBytes(StandardCharsets.US_ASCII), "etag".getBytes(StandardCharsets.US_ASCII),
        "x-long".getBytes(StandardCharsets.US_ASCII), "x-absent".getBytes(StandardCharsets.US_ASCII)};
    for (int split = 0; split <= r.length(); split += 7) {
      Http1ResponseParser p = new Http1ResponseParser();
      p.start(false, null, keep);
      int result = p.parse(buf(r.substring(0, split)));
      if (result == NEED_MORE) {
        result = p.parse(buf(r.substring(split)));
      }
      assertEquals(COMPLETE, result, "split at " + split);
      assertEquals("AbC-123", p.kept(0));
      assertEquals("\"v1\"", p.kept(1));
      assertEquals(null, p.kept(2), "too long to keep");
      assertEquals(null, p.kept(3));
    }
    Http1ResponseParser plain = new Http1ResponseParser();
    plain.start(false, null, keep);
    plain.parse(buf(r));
    plain.start(false);
    assertEquals(COMPLETE, plain.parse(buf(OK_BODY)), "a response that keeps nothing after one that did");
  }

  private record Outcome(int result, int status, long bytes, boolean closeAfter) {}

  /** Parses whole, at every two-way split and byte by byte; asserts they agree and returns it. */
  private static Outcome parseEverySplit(String response, boolean head) {
    Outcome whole = parse(head, response);
    for (int split = 0; split <= response.length(); split++) {
      assertEquals(whole, parse(head, response.substring(0, split), response.substring(split)), "split at " + split);
    }
    assertEquals(whole, parse(head, response.split("")), "byte by byte");
    if (whole.result != MALFORMED) {
      assertEquals(COMPLETE, whole.result, response);
    }
    return whole;
  }

  private static Outcome parse(boolean head, String... reads) {
    Http1ResponseParser p = new Http1ResponseParser();
    p.start(head);
    int result = NEED_MORE;
    for (String read : reads) {
      ByteBuf in = buf(read);
      result = p.parse(in);
      if (result == COMPLETE) {
        assertEquals(in.writerIndex(), in.readerIndex(), "consumed the whole response");
      }
      if (result != NEED_MORE) {
        break;
      }
    }
    return result == MALFORMED
        ? new Outcome(MALFORMED, 0, 0, false)
        : new Outcome(result, p.status(), p.bytes(), p.closeAfter());
  }

  private static ByteBuf buf(String s) {
    return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.ISO_8859_1));
  }
}
