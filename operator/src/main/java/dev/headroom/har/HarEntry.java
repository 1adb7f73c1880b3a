package dev.headroom.har;

import java.time.Instant;
import java.util.List;

/**
 * One exchange of a browser recording, reduced to what an import reads.
 *
 * @param index where it stood in {@code log.entries}, for messages
 * @param timeMs the whole exchange, from the first byte sent to the last received
 * @param resourceType Chromium's {@code _resourceType} (script, image, xhr...), or null
 */
public record HarEntry(
    int index, Instant started, double timeMs, Request request, Response response, String resourceType) {

  public record Header(String name, String value) {}

  /** @param body {@code postData.text}, or null */
  public record Request(String method, String url, List<Header> headers, String body) {}

  /** @param status 0 when the browser got no answer (blocked, cancelled, offline) */
  public record Response(int status, List<Header> headers, String mimeType, String body) {}

  /** When the last byte of the answer arrived: a user's pause starts there. */
  public Instant ended() {
    return started.plusNanos(Math.round(Math.max(0, timeMs) * 1_000_000));
  }
}
