package dev.headroom.worker.http;

import dev.headroom.plan.ExecutionPlan;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.TimeUnit;

/**
 * Picks the transport for a plan's HTTP version.
 *
 * <p>What the engine can rely on, for both transports:
 *
 * <ul>
 *   <li>Every {@link ConnectionListener} callback runs on the event loop the transport was made
 *       on, and never from inside {@link Connection#send}: an error found while sending is
 *       reported right after send returns.
 *   <li>After any callback, or after {@link Connection#abort}, the slot is idle and may send
 *       again at once; it reconnects by itself when its connection was closed or never opened.
 *   <li>{@code bytes} in {@link ConnectionListener#onResponse} counts the response's bytes as
 *       read: status line, headers and body exactly for HTTP/1.1 (interim 1xx responses
 *       included); body plus an estimate of the headers for HTTP/2.
 *   <li>A failed {@link Connection#connect()} reports nothing to the listener; its future fails.
 * </ul>
 */
public final class Transports {

  /** A connect (TCP and TLS handshake) gives up after this even when requests may wait longer. */
  static final long MAX_CONNECT_TIMEOUT_MILLIS = 10_000;

  private Transports() {}

  /**
   * The transport for {@code plan}: the lean socket client for HTTP/1.1, Vert.x's HTTP client for
   * HTTP/2. Call it on the lane's event-loop context; its connections live on that event loop,
   * must be used only there, and call their listeners there.
   *
   * @throws IllegalStateException when not called on an event-loop context
   * @throws IllegalArgumentException when a request cannot be put on the wire (a header with a
   *     line break, say); the message names it
   */
  public static Transport forPlan(Vertx vertx, ExecutionPlan plan) {
    return switch (plan.httpVersion()) {
      case HTTP_1_1 -> new Http1Transport(vertx, plan);
      case HTTP_2 -> new Http2Transport(vertx, plan);
    };
  }

  /** The current context, which must be an event loop's. */
  static Context requireEventLoop() {
    Context context = Vertx.currentContext();
    if (context == null || !context.isEventLoopContext()) {
      throw new IllegalStateException("transports must be created on a lane's event-loop context");
    }
    return context;
  }

  /**
   * Connections open on the caller's context, so a connect from another thread would put the
   * socket, and every callback, on the wrong event loop.
   */
  static void requireSameEventLoop(Context transportContext) {
    if (!((ContextInternal) transportContext).nettyEventLoop().inEventLoop()) {
      throw new IllegalStateException("connections must be used on the event loop that created their transport");
    }
  }

  static int connectTimeoutMillis(ExecutionPlan plan) {
    long millis = TimeUnit.NANOSECONDS.toMillis(plan.timeoutNanos());
    return (int) Math.max(1, Math.min(millis, MAX_CONNECT_TIMEOUT_MILLIS));
  }
}
