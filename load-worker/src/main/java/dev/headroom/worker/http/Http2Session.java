package dev.headroom.worker.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientConnection;

/**
 * One HTTP/2 TCP connection that several slots multiplex. It is opened on first use and forgotten
 * when it closes or the server sends GOAWAY, so the next stream opens a fresh one.
 */
final class Http2Session {

  private final Http2Transport transport;
  private Future<HttpClientConnection> connection;

  Http2Session(Http2Transport transport) {
    this.transport = transport;
  }

  /** The open connection, or the one being opened. */
  Future<HttpClientConnection> connection() {
    Future<HttpClientConnection> current = connection;
    if (current == null) {
      Future<HttpClientConnection> opening = transport.client().connect(transport.connectOptions());
      connection = opening;
      opening.onComplete(ar -> {
        if (ar.failed()) {
          forget(opening);
        } else {
          ar.result().closeHandler(v -> forget(opening));
          ar.result().shutdownHandler(v -> forget(opening));
        }
      });
      current = opening;
    }
    return current;
  }

  private void forget(Future<HttpClientConnection> which) {
    if (connection == which) {
      connection = null;
    }
  }
}
