package dev.headroom.worker.http;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Keeps the first {@code limit} bytes of a body in an array reused from response to response, so
 * a capture reads them without a copy per read. A capture's value sits near the start of an
 * answer (a token, an id); the limit keeps a huge body from costing memory for nothing, and a
 * value past it is a capture miss.
 */
final class BodyCollector implements BodySink {

  /**
   * The body of an answer none was kept for, shared: a zero-length array cannot change, and a new
   * one per call would be garbage on a journey step's path.
   */
  static final byte[] NO_BODY = new byte[0];

  private final int limit;
  private byte[] bytes = new byte[1024];
  private int length;

  BodyCollector(int limit) {
    this.limit = limit;
  }

  /** Forgets the last body. */
  void clear() {
    length = 0;
  }

  @Override
  public void body(ByteBuf in, int from, int n) {
    int take = Math.min(n, limit - length);
    if (take <= 0) {
      return;
    }
    if (length + take > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(length + take, bytes.length * 2)));
    }
    in.getBytes(from, bytes, length, take);
    length += take;
  }

  /** The body so far: bytes {@code 0} to {@link #length()}; valid until the next {@link #clear}. */
  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }
}
