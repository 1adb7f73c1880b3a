package dev.headroom.worker.http;

import dev.headroom.journey.CompiledTemplate;
import dev.headroom.journey.Journey;
import dev.headroom.journey.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Encodes a journey's templated request step per send, with the same layout as {@link
 * Http1RequestEncoder} (request line, {@code Host} unless set, headers in order, {@code
 * Content-Length}, body). Everything fixed is encoded once into byte arrays; a send renders only
 * the placeholders, into two reused builders, and writes into a buffer from the channel's
 * (pooled) allocator, which netty releases after the write.
 *
 * <p>Not thread-safe: one per event loop. Steps with nothing to fill in stay on the pre-encoded
 * path and never come here.
 */
final class Http1StepEncoder {

  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** In order: a {@code byte[]} written as is, or a template (the first one being the path). */
  private final Object[] pieces;
  private final CompiledTemplate path;
  private final CompiledTemplate body;
  private final boolean bodyMethod;
  private final int fixedBytes;
  private final StringBuilder text = new StringBuilder(256);
  private final StringBuilder bodyText = new StringBuilder(256);

  /**
   * @param common the target's headers with secret values, fixed text (never templates: a secret
   *     may hold {@code ${})
   * @param basePath the target URL's path, put before the step's path
   */
  Http1StepEncoder(Journey.RequestStep step, List<Map.Entry<String, String>> common, String basePath, String hostHeader) {
    String method = step.method().toUpperCase(Locale.ROOT);
    Map<String, Object> headers = new LinkedHashMap<>();
    common.forEach(h -> headers.put(h.getKey(), h.getValue()));
    step.headers().forEach(h -> headers.put(h.getKey(), h.getValue().literal() != null ? h.getValue().literal() : h.getValue()));
    boolean hasHost = headers.keySet().stream().anyMatch(n -> n.equalsIgnoreCase("host"));

    List<Object> out = new ArrayList<>();
    StringBuilder fixed = new StringBuilder(method).append(' ').append(basePath);
    out.add(fixed.toString());
    out.add(step.path());
    fixed.setLength(0);
    fixed.append(" HTTP/1.1\r\n");
    if (!hasHost) {
      fixed.append("Host: ").append(hostHeader).append("\r\n");
    }
    for (Map.Entry<String, Object> h : headers.entrySet()) {
      fixed.append(h.getKey()).append(": ");
      if (h.getValue() instanceof String value) {
        fixed.append(value.strip()).append("\r\n");
      } else {
        out.add(fixed.toString());
        out.add(h.getValue());
        fixed.setLength(0);
        fixed.append("\r\n");
      }
    }
    out.add(fixed.toString());
    int sum = 0;
    pieces = new Object[out.size()];
    for (int i = 0; i < out.size(); i++) {
      Object piece = out.get(i);
      if (piece instanceof String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        pieces[i] = bytes;
        sum += bytes.length;
      } else {
        pieces[i] = piece;
      }
    }
    this.fixedBytes = sum;
    this.path = step.path();
    this.body = step.body();
    this.bodyMethod = BODY_METHODS.contains(method);
  }

  /** The request's bytes for this session, in a buffer the caller writes (and netty releases). */
  ByteBuf encode(Session session, ByteBufAllocator alloc) {
    bodyText.setLength(0);
    body.render(bodyText, session);
    int bodyLength = ByteBufUtil.utf8Bytes(bodyText);
    ByteBuf buf = alloc.buffer(fixedBytes + 128 + bodyLength);
    for (Object piece : pieces) {
      if (piece instanceof byte[] bytes) {
        buf.writeBytes(bytes);
      } else {
        text.setLength(0);
        ((CompiledTemplate) piece).render(text, session);
        if (piece == path) {
          writePath(buf, text);
        } else {
          ByteBufUtil.writeUtf8(buf, text);
        }
      }
    }
    if (bodyLength > 0 || bodyMethod) {
      buf.writeCharSequence("Content-Length: ", StandardCharsets.US_ASCII);
      buf.writeCharSequence(Integer.toString(bodyLength), StandardCharsets.US_ASCII);
      buf.writeBytes(CRLF);
    }
    buf.writeBytes(CRLF);
    ByteBufUtil.writeUtf8(buf, bodyText);
    return buf;
  }

  /**
   * Writes a rendered path, percent-encoding what may not stand in a request line (spaces,
   * control characters, {@code #}, non-ASCII): a captured value can hold any of them.
   */
  private static void writePath(ByteBuf buf, CharSequence path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c > 0x20 && c < 0x7f && c != '#') {
        buf.writeByte(c);
        continue;
      }
      int end = Character.isHighSurrogate(c) && i + 1 < path.length() ? i + 2 : i + 1;
      for (byte b : path.subSequence(i, end).toString().getBytes(StandardCharsets.UTF_8)) {
        buf.writeByte('%').writeByte(HEX[(b >> 4) & 0xF]).writeByte(HEX[b & 0xF]);
      }
      i = end - 1;
    }
  }
}
