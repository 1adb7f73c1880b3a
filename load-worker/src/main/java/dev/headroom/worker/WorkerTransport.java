package dev.headroom.worker;

import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;

/**
 * The I/O transport a worker's Vert.x instance really runs on, as the worker reports it: in one
 * log line at start and in {@code GET /ready}. Native epoll is what the send schedule's
 * sub-millisecond timers rely on; when it is missing (no native library for this architecture,
 * a libc it cannot load, a non-Linux machine) the worker still runs on NIO and says why.
 *
 * @param name {@code epoll} or {@code nio} (or another native transport's name)
 * @param unavailableCause why native epoll is unavailable; null when the transport is native
 */
public record WorkerTransport(String name, String unavailableCause) {

  public static WorkerTransport of(Vertx vertx) {
    if (vertx.isNativeTransportEnabled()) {
      return new WorkerTransport(Transport.EPOLL.available() ? "epoll" : "native", null);
    }
    Throwable cause = vertx.unavailableNativeTransportCause();
    if (cause == null) {
      cause = Transport.EPOLL.unavailabilityCause();
    }
    return new WorkerTransport("nio", cause == null ? "not requested" : oneLine(cause));
  }

  public boolean nativeTransport() {
    return unavailableCause == null;
  }

  /** {@code transport: epoll (native)} or {@code transport: nio (native epoll unavailable: <cause>)}. */
  public String logLine() {
    return nativeTransport()
        ? "transport: " + name + " (native)"
        : "transport: " + name + " (native epoll unavailable: " + unavailableCause + ")";
  }

  private static String oneLine(Throwable t) {
    String s = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != t && root.getMessage() != null) {
      s += " (" + root.getMessage() + ")";
    }
    return s.replace('\n', ' ');
  }
}
