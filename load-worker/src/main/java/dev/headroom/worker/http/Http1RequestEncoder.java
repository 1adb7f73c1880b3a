package dev.headroom.worker.http;

import dev.headroom.plan.RequestTemplate;
import dev.headroom.plan.Tracing;
import java.util.ArrayList;
import java.util.List;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link RequestTemplate} into the exact HTTP/1.1 bytes to put on the wire, once per
 * plan: request line, {@code Host} (unless the template sets one), the template's headers in
 * order, {@code Content-Length} when there is a body or the method carries one, then the body.
 */
final class Http1RequestEncoder {

  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

  private Http1RequestEncoder() {}

  /**
   * @throws IllegalArgumentException when a method, path or header would break the framing (a
   *     line break, or a framing header the encoder owns)
   */
  static byte[] encode(RequestTemplate template, String hostHeader) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + template.body().length);
    String method = template.method().toUpperCase(Locale.ROOT);
    requireToken("method", method);
    requireNoWhitespace("path", template.path());
    line(out, method + " " + template.path() + " HTTP/1.1");
    boolean hasHost = false;
    for (Map.Entry<String, String> h : template.headers()) {
      String name = h.getKey();
      requireToken("header name '" + name + "'", name);
      requireNoLineBreak("header '" + name + "'", h.getValue());
      if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")) {
        throw new IllegalArgumentException(
            "header '" + name + "' is set from the body; remove it from the request " + template.name());
      }
      hasHost |= name.equalsIgnoreCase("host");
    }
    if (!hasHost) {
      line(out, "Host: " + hostHeader);
    }
    for (Map.Entry<String, String> h : template.headers()) {
      line(out, h.getKey() + ": " + h.getValue().strip());
    }
    byte[] body = template.body();
    if (body.length > 0 || BODY_METHODS.contains(method)) {
      line(out, "Content-Length: " + body.length);
    }
    line(out, "");
    out.writeBytes(body);
    return out.toByteArray();
  }

  /**
   * The request with a {@code traceparent} header right after {@code Host}, its value a placeholder
   * of the right length that {@link TraceContext#write} overwrites per request.
   */
  static byte[] encodeTraced(RequestTemplate template, String hostHeader) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry(Tracing.HEADER, PLACEHOLDER));
    headers.addAll(template.headers());
    return encode(
        new RequestTemplate(template.index(), template.name(), template.method(), template.path(),
            headers, template.body(), template.expectedStatus()),
        hostHeader);
  }

  /** Where the placeholder value starts in bytes that {@link #encodeTraced} made. */
  static int traceValueAt(byte[] traced) {
    byte[] marker = ("\r\n" + Tracing.HEADER + ": ").getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + marker.length <= traced.length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (traced[i + j] != marker[j]) {
          continue outer;
        }
      }
      return i + marker.length;
    }
    throw new IllegalStateException("no traceparent header in the encoded request");
  }

  private static final String PLACEHOLDER = "0".repeat(TraceContext.HEADER_LENGTH);

  /** Whether the request asks the server to close the connection after responding. */
  static boolean closesConnection(RequestTemplate template) {
    for (Map.Entry<String, String> h : template.headers()) {
      if (h.getKey().equalsIgnoreCase("connection")) {
        for (String token : h.getValue().split(",")) {
          if (token.strip().equalsIgnoreCase("close")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether the response to this request has no body whatever its headers say. */
  static boolean isHead(RequestTemplate template) {
    return template.method().equalsIgnoreCase("HEAD");
  }

  private static void line(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    out.write('\r');
    out.write('\n');
  }

  private static void requireToken(String what, String s) {
    if (s.isEmpty() || !s.chars().allMatch(HttpSyntax::isTokenChar)) {
      throw new IllegalArgumentException(what + " must be a token (letters, digits, !#$%&'*+-.^_`|~)");
    }
  }

  private static void requireNoWhitespace(String what, String s) {
    if (s.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IllegalArgumentException(what + " '" + s + "' must not contain spaces or control characters");
    }
  }

  private static void requireNoLineBreak(String what, String s) {
    if (s.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
      throw new IllegalArgumentException(what + " must not contain line breaks");
    }
  }
}
