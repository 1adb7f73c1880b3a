package dev.headroom.worker.http;

import dev.headroom.report.ErrorKind;
import io.vertx.core.Context;

/**
 * Keeps listener callbacks out of {@link Connection#send}: an error found while sending (a closed
 * slot, a write to a socket that just died) is reported once send has returned, so the engine
 * never sees a request end before the call that started it is over.
 */
final class SendGuard {

  private final Context context;
  private final Connection connection;
  private final ConnectionListener listener;
  private boolean sending;

  SendGuard(Context context, Connection connection, ConnectionListener listener) {
    this.context = context;
    this.connection = connection;
    this.listener = listener;
  }

  void enter() {
    sending = true;
  }

  void exit() {
    sending = false;
  }

  void error(ErrorKind kind) {
    if (sending) {
      context.runOnContext(v -> listener.onError(connection, kind));
    } else {
      listener.onError(connection, kind);
    }
  }
}
