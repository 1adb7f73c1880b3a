package dev.headroom.worker.http;

import dev.headroom.journey.Session;
import io.vertx.core.Future;

/**
 * One connection slot of a lane. It carries one request at a time; every call and every callback
 * happens on the lane's event loop, so nothing here locks.
 */
public interface Connection {

  /** The slot number within its lane, for the lane's bookkeeping. */
  int id();

  /** Opens the connection now unless it is open; completes when open, fails when it cannot be. */
  Future<Void> connect();

  /**
   * Sends request {@code requestIndex} of the plan, connecting first if needed, with a {@code
   * traceparent} header carrying {@code trace} unless it is null. Exactly one {@link
   * ConnectionListener} callback follows, unless {@link #abort()} comes first.
   */
  void send(int requestIndex, TraceContext trace);

  /**
   * Sends a journey's request step {@code requestIndex}, its templates filled in from {@code
   * session} (a step with none is sent as a plain request). With {@code keepBody}, the answer's
   * body is kept ({@link #body()}) for the step's captures until the next send. Callbacks as for
   * {@link #send(int, TraceContext)}.
   */
  default void send(int requestIndex, TraceContext trace, Session session, boolean keepBody) {
    throw new UnsupportedOperationException("journeys run on HTTP/1.1 only");
  }

  /** The last answer's body as kept for captures: bytes {@code 0} to {@link #bodyLength()}. */
  default byte[] body() {
    return BodyCollector.NO_BODY;
  }

  default int bodyLength() {
    return 0;
  }

  /** A header of the last answer by name, case-insensitively; null when absent or not kept. */
  default String header(String name) {
    return null;
  }

  /** Sends request {@code requestIndex} without trace context. */
  default void send(int requestIndex) {
    send(requestIndex, null);
  }

  /**
   * Gives up on the request in flight (its deadline passed). The connection is closed, since a
   * late response would otherwise be read as the next one's; no callback follows for it.
   */
  void abort();

  void close();
}
