package dev.headroom.target;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP server of known capacity, for tests, the quickstart and capacity searches. HTTP/1.1 and
 * HTTP/2 (h2c), one server instance per event loop sharing one port.
 *
 * <p>Paths:
 * <ul>
 *   <li>any path not below: 200 {@code ok} after the service time, at most {@code concurrency}
 *       requests in service at once and the rest waiting FIFO (unbounded): capacity is exactly
 *       {@code concurrency / serviceTime} rps (see {@link ServiceQueue});
 *   <li>{@code /status/{code}}: that status (200–599) at once;
 *   <li>{@code /limit/{rps}}: as any other path up to {@code rps} requests per second (across
 *       every connection), 503 at once beyond it: a rate-limited endpoint;
 *   <li>{@code /delay/{duration}}: 200 after that long (Go form, e.g. {@code 300ms}, at most 10m),
 *       outside the concurrency limit;
 *   <li>{@code /reset}: closes the connection with no response (HTTP/2: resets the stream);
 *   <li>{@code /close}: 200 with {@code Connection: close}, then closes the connection;
 *   <li>{@code /bytes/{n}}: 200 with a body of {@code n} bytes (at most 16 MiB);
 *   <li>{@code /header/{name}/{sha256}}: as any other path when header {@code name} has the value
 *       of that SHA-256 (hex), else 403 at once: checks that a secret header arrived;
 *   <li>{@code /login} (any method): after the service time, {@code {"token": "..."}}, a fresh
 *       token the target can check ({@link DemoTokens});
 *   <li>{@code /session/...}: as any other path with {@code Authorization: Bearer <a token from
 *       /login>}, else 401 at once: a journey that logs in and carries its token gets through.
 * </ul>
 * A malformed number or duration in a path gets 400 naming it. The time a request arrives is when
 * its whole body has been received.
 *
 * <p>Freezes ({@link #freezes()}) apply to every path: nothing is sent and no connection is closed
 * during one. Requests in service when a freeze begins finish their remaining service time after it;
 * requests arriving during one start service when it ends.
 */
public final class DemoTarget {

  /**
   * Vert.x shares one random port among servers listening on the same negative port; each target
   * takes its own negative key so two targets in one Vert.x never share a port. The base keeps the
   * keys away from the small negative values other code might use for the same trick.
   */
  private static final int SHARED_RANDOM_PORT_BASE = 0x4864_0000;
  private static final AtomicInteger SHARED_RANDOM_PORT_KEYS = new AtomicInteger();

  private final Vertx vertx;
  private final String deploymentId;
  private final DemoTargetOptions options;
  private final int port;
  private final FreezeSchedule freezes;
  private final AtomicLong served;

  private DemoTarget(Vertx vertx, String deploymentId, DemoTargetOptions options, int port,
      FreezeSchedule freezes, AtomicLong served) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.options = options;
    this.port = port;
    this.freezes = freezes;
    this.served = served;
  }

  /** Starts listening; the future fails if the port cannot be bound. */
  public static Future<DemoTarget> start(Vertx vertx, DemoTargetOptions options) {
    FreezeSchedule freezes = options.freezeSchedule(System.nanoTime());
    ServiceQueue queue = new ServiceQueue(options.concurrency(), options.serviceTime().toNanos(), freezes);
    AtomicLong served = new AtomicLong();
    DemoRequestHandler handler = new DemoRequestHandler(vertx, queue, freezes, served);
    int listenPort = options.port() != 0
        ? options.port()
        : -(SHARED_RANDOM_PORT_BASE + SHARED_RANDOM_PORT_KEYS.incrementAndGet());
    AtomicInteger boundPort = new AtomicInteger();
    return vertx
        .deployVerticle(
            () -> serverInstance(vertx, handler, listenPort, options.host(), boundPort),
            new DeploymentOptions().setInstances(options.eventLoops()))
        .map(id -> new DemoTarget(vertx, id, options, boundPort.get(), freezes, served));
  }

  /** One server on the event loop Vert.x gives this instance; undeploying closes it. */
  private static Deployable serverInstance(
      Vertx vertx, DemoRequestHandler handler, int port, String host, AtomicInteger boundPort) {
    // Clients that send "Expect: 100-continue" (curl, for big bodies) get their go-ahead at once.
    return context -> vertx.createHttpServer(new HttpServerOptions().setHandle100ContinueAutomatically(true))
        .requestHandler(handler)
        .listen(port, host)
        .onSuccess(server -> boundPort.set(server.actualPort()));
  }

  /** The port it listens on (the one chosen when the options said 0). */
  public int port() {
    return port;
  }

  /** {@code http://host:port}. */
  public String url() {
    return "http://" + options.host() + ":" + port;
  }

  public DemoTargetOptions options() {
    return options;
  }

  /** When it freezes, on the {@code System.nanoTime()} clock. */
  public FreezeSchedule freezes() {
    return freezes;
  }

  /** Whether it is frozen at {@code nanoTime} (a {@code System.nanoTime()} value). */
  public boolean isFrozenAt(long nanoTime) {
    return freezes.isFrozenAt(nanoTime);
  }

  /** Responses sent so far, on every path ({@code /reset} sends none). */
  public long served() {
    return served.get();
  }

  /** Stops listening and closes open connections. */
  public Future<Void> close() {
    return vertx.undeploy(deploymentId);
  }

  /**
   * One line for people, e.g. {@code demo target on http://127.0.0.1:8080: capacity 1000 rps
   * (concurrency 10, service time 10ms), freezes 500ms every 5s}.
   */
  public String describe() {
    return "demo target on " + url() + ": " + options.describe();
  }

  @Override
  public String toString() {
    return describe();
  }
}
