package dev.headroom.worker.http;

import dev.headroom.report.ErrorKind;

/** How a {@link Connection} reports the end of its request, on the lane's event loop. */
public interface ConnectionListener {

  /** A complete response arrived; {@code bytes} counts what was read for it, headers included. */
  void onResponse(Connection connection, int status, long bytes);

  /** The request ended without a response; the connection may need to reconnect for the next. */
  void onError(Connection connection, ErrorKind kind);
}
