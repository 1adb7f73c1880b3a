package dev.headroom.journey;

import dev.headroom.plan.Capture;
import dev.headroom.plan.CaptureSource;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

/** A {@link Capture} bound to its session slot and with its source compiled. */
public final class CompiledCapture {

  private final int slot;
  private final CaptureSource source;
  private final JsonCapture json;
  private final String defaultValue;

  CompiledCapture(int slot, Capture capture) {
    this.slot = slot;
    this.source = CaptureSource.of(capture);
    this.json = source instanceof CaptureSource.Json j ? new JsonCapture(j.pointer()) : null;
    this.defaultValue = capture.defaultValue();
  }

  /** The answer's header this capture reads, or null when it reads the body. */
  public String headerName() {
    return source instanceof CaptureSource.Header h ? h.name() : null;
  }

  /** Whether this capture reads the body (else a transport need not keep it). */
  public boolean needsBody() {
    return !(source instanceof CaptureSource.Header);
  }

  /**
   * Takes the value from an answer into the session: its headers ({@code header} gives a value by
   * name, case-insensitively, or null) and its body bytes.
   *
   * @return false when the answer has no value and there is no default: the step fails with
   *     error kind {@code capture} and the journey ends
   */
  public boolean apply(UnaryOperator<String> header, byte[] body, int offset, int length, Session session) {
    String value;
    if (json != null) {
      value = json.find(body, offset, length);
    } else if (source instanceof CaptureSource.Header h) {
      value = header.apply(h.name());
    } else {
      Matcher m = ((CaptureSource.Regex) source).pattern()
          .matcher(new String(body, offset, length, StandardCharsets.UTF_8));
      value = !m.find() ? null : m.groupCount() > 0 ? m.group(1) : m.group();
    }
    if (value == null || hasLineBreak(value)) {
      // A value with a line break would split a header it is put in: treat it as not found.
      value = defaultValue;
    }
    if (value == null) {
      return false;
    }
    session.set(slot, value);
    return true;
  }

  private static boolean hasLineBreak(String value) {
    return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0;
  }
}
