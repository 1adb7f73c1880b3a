package dev.headroom.worker.http;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One sampled request's W3C trace context: a random 128-bit trace id and 64-bit parent id,
 * sampled flag set. The generator opens no span of its own, so the parent id only has to be
 * unique; the target's first span is the root its tracing backend shows.
 */
public record TraceContext(long traceHi, long traceLo, long parentId) {

  /** Length of a {@code traceparent} value: {@code 00-<32 hex>-<16 hex>-01}. */
  static final int HEADER_LENGTH = 55;

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** A fresh context; all-zero ids are invalid in W3C trace context, so they are redrawn. */
  public static TraceContext random(SplittableRandom random) {
    long hi;
    long lo;
    do {
      hi = random.nextLong();
      lo = random.nextLong();
    } while (hi == 0 && lo == 0);
    long parent;
    do {
      parent = random.nextLong();
    } while (parent == 0);
    return new TraceContext(hi, lo, parent);
  }

  /** The trace id as the header and tracing backends write it: 32 lowercase hex digits. */
  public String traceId() {
    byte[] out = new byte[32];
    hex(out, 0, traceHi);
    hex(out, 16, traceLo);
    return new String(out, StandardCharsets.US_ASCII);
  }

  /** The {@code traceparent} header's value. */
  public String header() {
    byte[] out = new byte[HEADER_LENGTH];
    write(out, 0);
    return new String(out, StandardCharsets.US_ASCII);
  }

  /** Writes the header's value into {@code out} at {@code at}, {@link #HEADER_LENGTH} bytes. */
  void write(byte[] out, int at) {
    out[at] = '0';
    out[at + 1] = '0';
    out[at + 2] = '-';
    hex(out, at + 3, traceHi);
    hex(out, at + 19, traceLo);
    out[at + 35] = '-';
    hex(out, at + 36, parentId);
    out[at + 52] = '-';
    out[at + 53] = '0';
    out[at + 54] = '1';
  }

  private static void hex(byte[] out, int at, long value) {
    for (int i = 15; i >= 0; i--) {
      out[at + i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
  }
}
