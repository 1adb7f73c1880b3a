package dev.headroom.plan;

import java.util.List;
import java.util.Map;

/**
 * One request of the mix, resolved for sending: absolute path (base path included), every header
 * that goes on the wire (target headers, secret header values, then the request's own, later
 * winning), and the body bytes. Transports encode it once and reuse the bytes.
 *
 * @param expectedStatus statuses that count as success; empty means any 2xx or 3xx
 */
public record RequestTemplate(
    int index,
    String name,
    String method,
    String path,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    int[] expectedStatus) {

  public boolean isExpected(int status) {
    if (expectedStatus.length == 0) {
      return status >= 200 && status < 400;
    }
    for (int s : expectedStatus) {
      if (s == status) {
        return true;
      }
    }
    return false;
  }
}
