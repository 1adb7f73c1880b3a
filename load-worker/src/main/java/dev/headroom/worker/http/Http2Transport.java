package dev.headroom.worker.http;

import dev.headroom.plan.Endpoint;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.RequestTemplate;
import dev.headroom.plan.Tracing;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/2 on Vert.x's generic client: h2c with prior knowledge for {@code http://}, ALPN for
 * {@code https://}. A {@link Connection} here is a concurrency slot with at most one stream in
 * flight; up to {@link #STREAMS_PER_CONNECTION} slots multiplex one TCP connection, as real
 * HTTP/2 clients do.
 *
 * <p>The transport opens those TCP connections itself ({@link HttpClientAgent#connect}) rather
 * than through the client's pool: the pool opens a new connection for every request that arrives
 * while the first is still connecting, so a burst of slots would open an unpredictable number of
 * connections. Here slot {@code id} always uses connection {@code id / STREAMS_PER_CONNECTION}.
 */
final class Http2Transport implements Transport {

  /** Slots per TCP connection; at or under the stream limit most servers advertise (100). */
  static final int STREAMS_PER_CONNECTION = 100;

  static final int CONNECTION_WINDOW_BYTES = 16 * 1024 * 1024;

  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

  private final Context context;
  private final HttpClientAgent client;
  private final HttpConnectOptions connectOptions;
  private final RequestOptions[] requests;
  private final Buffer[] bodies;
  private final Map<Integer, Http2Session> sessions = new HashMap<>();
  private final List<Http2Connection> connections = new ArrayList<>();
  private boolean closed;

  /** Must run on the lane's event loop: connections are opened on the caller's context. */
  Http2Transport(Vertx vertx, ExecutionPlan plan) {
    this.context = Transports.requireEventLoop();
    Endpoint endpoint = plan.endpoint();
    int connectTimeout = Transports.connectTimeoutMillis(plan);
    HttpClientOptions options = new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false) // prior knowledge: no HTTP/1.1 upgrade dance on http://
        .setHttp2MultiplexingLimit(STREAMS_PER_CONNECTION)
        // The protocol's default 64 KiB connection window would make a hundred streams take turns.
        .setHttp2ConnectionWindowSize(CONNECTION_WINDOW_BYTES)
        .setKeepAlive(true)
        .setIdleTimeout(0)
        .setConnectTimeout(connectTimeout)
        .setDecompressionSupported(false)
        .setDefaultHost(endpoint.host())
        .setDefaultPort(endpoint.port());
    if (endpoint.tls()) {
      options.setSsl(true)
          .setUseAlpn(true)
          .setSslHandshakeTimeout(connectTimeout)
          .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
          .setTrustAll(endpoint.insecureSkipVerify())
          .setVerifyHost(!endpoint.insecureSkipVerify());
    }
    // The pool is not used (see above); it is kept tiny and without a wait queue so that any use
    // by mistake fails at once instead of queueing without bound.
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(1).setHttp2MaxSize(1).setMaxWaitQueueSize(0);
    this.client = vertx.createHttpClient(options, pool);
    this.connectOptions = new HttpConnectOptions()
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setSsl(endpoint.tls())
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setConnectTimeout(connectTimeout);

    List<RequestTemplate> templates = plan.requests();
    this.requests = new RequestOptions[templates.size()];
    this.bodies = new Buffer[templates.size()];
    for (int i = 0; i < templates.size(); i++) {
      RequestTemplate t = templates.get(i);
      RequestOptions r = new RequestOptions()
          .setMethod(HttpMethod.valueOf(t.method().toUpperCase(Locale.ROOT)))
          .setURI(t.path())
          .setFollowRedirects(false);
      for (Map.Entry<String, String> h : t.headers()) {
        r.addHeader(h.getKey(), h.getValue());
      }
      requests[i] = r;
      boolean hasBody = t.body().length > 0 || BODY_METHODS.contains(r.getMethod().name());
      bodies[i] = hasBody ? Buffer.buffer(t.body()) : null;
    }
  }

  Context context() {
    return context;
  }

  @Override
  public Connection open(int id, ConnectionListener listener) {
    if (closed) {
      throw new IllegalStateException("transport is closed");
    }
    Http2Session session = sessions.computeIfAbsent(
        Math.floorDiv(id, STREAMS_PER_CONNECTION), k -> new Http2Session(this));
    Http2Connection connection = new Http2Connection(id, session, this, listener);
    connections.add(connection);
    return connection;
  }

  HttpClientAgent client() {
    return client;
  }

  HttpConnectOptions connectOptions() {
    Transports.requireSameEventLoop(context);
    return connectOptions;
  }

  /**
   * Request {@code index}'s options: shared, so never to be changed, or with {@code trace} a copy
   * that adds its {@code traceparent} header.
   */
  RequestOptions request(int index, TraceContext trace) {
    return trace == null ? requests[index] : new RequestOptions(requests[index]).putHeader(Tracing.HEADER, trace.header());
  }

  /** Request {@code index}'s body, or null when it is sent without one. */
  Buffer body(int index) {
    return bodies[index];
  }

  /** For tests: how many TCP connections the slots share. */
  int sessionCount() {
    return sessions.size();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Http2Connection c : connections) {
      c.close();
    }
    client.close();
  }
}
