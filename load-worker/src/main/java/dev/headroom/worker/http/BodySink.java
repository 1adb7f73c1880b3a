package dev.headroom.worker.http;

import io.netty.buffer.ByteBuf;

/** Receives a response body's bytes as the parser passes them, for a capture to read later. */
interface BodySink {

  /** Bytes {@code from} to {@code from + length} of {@code in} are the body's next bytes. */
  void body(ByteBuf in, int from, int length);
}
