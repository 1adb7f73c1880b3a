package dev.headroom.worker.http;

import dev.headroom.journey.CompiledCapture;
import dev.headroom.journey.Journey;
import dev.headroom.journey.Session;
import io.netty.buffer.ByteBufAllocator;
import dev.headroom.plan.Endpoint;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.RequestTemplate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.NetUtil;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Locale;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The lean HTTP/1.1 transport: Vert.x sockets carrying requests that were encoded once, and a
 * strict streaming parser for the responses. One request per connection at a time, no
 * pipelining, keep-alive unless a side asks to close.
 *
 * <p>Each request's bytes live once in a direct buffer; a send writes a retained duplicate of it,
 * which netty releases after the write, so the bytes are never copied into the JVM heap again and
 * the shared buffer's reference count returns to one after every write.
 */
final class Http1Transport implements Transport {

  private final Context context;
  private final NetClient client;
  private final ConnectOptions connectOptions;
  private final ByteBuf[] wire;
  /** With trace context on: each request's bytes with a {@code traceparent} placeholder, and where its value starts. */
  private final byte[][] tracedWire;
  private final int[] traceAt;
  private final boolean[] head;
  private final boolean[] closesConnection;
  /** Per request index, the encoder of a journey step with templates to fill in; null for fixed requests. */
  private final Http1StepEncoder[] templated;
  /** Per request index, the answer headers a journey step captures (as asked, and lower-case bytes); null when none. */
  private final String[][] keptNames;
  private final byte[][][] keptHeaders;
  private final List<Http1Connection> connections = new ArrayList<>();
  private boolean closed;

  /** Must run on the lane's event loop: connections are opened on the caller's context. */
  Http1Transport(Vertx vertx, ExecutionPlan plan) {
    this.context = Transports.requireEventLoop();
    Endpoint endpoint = plan.endpoint();
    List<RequestTemplate> templates = plan.requests();
    this.wire = new ByteBuf[templates.size()];
    this.head = new boolean[templates.size()];
    this.closesConnection = new boolean[templates.size()];
    boolean tracing = plan.traceSampling() > 0;
    this.tracedWire = new byte[tracing ? templates.size() : 0][];
    this.traceAt = new int[tracedWire.length];
    for (int i = 0; i < templates.size(); i++) {
      RequestTemplate t = templates.get(i);
      byte[] bytes = Http1RequestEncoder.encode(t, endpoint.hostHeader());
      wire[i] = Unpooled.directBuffer(bytes.length, bytes.length).writeBytes(bytes);
      if (tracing) {
        tracedWire[i] = Http1RequestEncoder.encodeTraced(t, endpoint.hostHeader());
        traceAt[i] = Http1RequestEncoder.traceValueAt(tracedWire[i]);
      }
      head[i] = Http1RequestEncoder.isHead(t);
      closesConnection[i] = Http1RequestEncoder.closesConnection(t);
    }
    this.templated = new Http1StepEncoder[templates.size()];
    this.keptNames = new String[templates.size()][];
    this.keptHeaders = new byte[templates.size()][][];
    for (Journey journey : plan.journeys()) {
      for (Journey.JourneyStep step : journey.steps()) {
        if (step instanceof Journey.RequestStep r) {
          String[] names = r.captures().stream().map(CompiledCapture::headerName).filter(Objects::nonNull)
              .distinct().toArray(String[]::new);
          if (names.length > 0) {
            keptNames[r.requestIndex()] = names;
            keptHeaders[r.requestIndex()] = Arrays.stream(names)
                .map(n -> n.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
          }
        }
        if (step instanceof Journey.RequestStep r && !r.isLiteral()) {
          // The step's template holds the target's headers (secrets filled in) and its own.
          templated[r.requestIndex()] = new Http1StepEncoder(r, templates.get(r.requestIndex()).headers(),
              endpoint.basePath(), endpoint.hostHeader());
        }
      }
    }
    int connectTimeout = Transports.connectTimeoutMillis(plan);
    NetClientOptions options = new NetClientOptions()
        .setConnectTimeout(connectTimeout)
        .setTcpNoDelay(true)
        .setReconnectAttempts(0)
        .setIdleTimeout(0);
    if (endpoint.tls()) {
      options.setSsl(true)
          .setSslHandshakeTimeout(connectTimeout)
          .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
          .setTrustAll(endpoint.insecureSkipVerify())
          .setHostnameVerificationAlgorithm(endpoint.insecureSkipVerify() ? "" : "HTTPS");
    }
    this.client = vertx.createNetClient(options);
    this.connectOptions = new ConnectOptions()
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setSsl(endpoint.tls())
        .setSniServerName(endpoint.tls() && !isIpLiteral(endpoint.host()) ? endpoint.host() : null);
  }

  Context context() {
    return context;
  }

  @Override
  public Connection open(int id, ConnectionListener listener) {
    if (closed) {
      throw new IllegalStateException("transport is closed");
    }
    Http1Connection connection = new Http1Connection(id, this, listener);
    connections.add(connection);
    return connection;
  }

  Future<NetSocket> connect() {
    Transports.requireSameEventLoop(context);
    return client.connect(connectOptions);
  }

  /** A reference to request {@code index}'s bytes for one write; netty releases it. */
  ByteBuf wire(int index) {
    return wire[index].retainedDuplicate();
  }

  /**
   * Request {@code index}'s bytes with {@code trace} in its {@code traceparent} header: a copy per
   * sampled request, which is the whole cost of tracing on the send path.
   */
  ByteBuf wire(int index, TraceContext trace) {
    byte[] bytes = tracedWire[index].clone();
    trace.write(bytes, traceAt[index]);
    return Unpooled.wrappedBuffer(bytes);
  }

  /** Lower-case names of the headers request {@code index}'s answer keeps for captures; null when none. */
  byte[][] keptHeaders(int index) {
    return keptHeaders[index];
  }

  /** The names as the captures ask for them, in the order of {@link #keptHeaders}. */
  String[] keptNames(int index) {
    return keptNames[index];
  }

  boolean templated(int index) {
    return templated[index] != null;
  }

  /** A journey step's bytes rendered for {@code session}, in a buffer netty releases after the write. */
  ByteBuf wire(int index, Session session, ByteBufAllocator alloc) {
    return templated[index].encode(session, alloc);
  }

  boolean isHead(int index) {
    return head[index];
  }

  boolean closesConnection(int index) {
    return closesConnection[index];
  }

  /** For tests: the reference count of request {@code index}'s shared bytes (1 when idle). */
  int wireReferences(int index) {
    return wire[index].refCnt();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Http1Connection c : connections) {
      c.close();
    }
    client.close();
    for (ByteBuf b : wire) {
      b.release();
    }
  }

  private static boolean isIpLiteral(String host) {
    return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
  }
}
