package dev.headroom.worker.http;

import dev.headroom.journey.Session;
import dev.headroom.report.ErrorKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * One keep-alive HTTP/1.1 connection of the lean transport, reconnecting when it has to.
 *
 * <p>It reads the socket through Vert.x's internal message handler so that responses arrive as
 * netty's own pooled buffers: the public {@code handler} would copy every read into a new heap
 * buffer. It writes straight to the socket's channel context with netty's shared void promise, so
 * a send allocates nothing but the duplicate of the request's bytes. The connection is its own
 * message handler; its close and exception handlers are made once.
 */
final class Http1Connection implements Connection, Handler<Object> {

  private static final Handler<Throwable> IGNORE = e -> {};
  /**
   * How much of an answer's body a journey step keeps for its captures: a token or an id sits near
   * the start, and a value past this is a capture miss rather than a cost in memory per connection.
   */
  static final int BODY_LIMIT = 256 * 1024;

  private final int id;
  private final Http1Transport transport;
  private final ConnectionListener listener;
  private final Http1ResponseParser parser = new Http1ResponseParser();
  private final SendGuard guard;
  private final Handler<Void> onClose = v -> lost(true);
  private final Handler<Throwable> onException = e -> lost(false);

  private NetSocketInternal socket;
  private ChannelHandlerContext channel;
  private Future<Void> connecting;
  /** The request in flight, or -1. */
  private int request = -1;
  /** Its trace context, or null. */
  private TraceContext trace;
  /** A journey's session for a templated step in flight, or null: then the request's fixed bytes go. */
  private Session session;
  /** Where an answer's body is kept when a journey step's captures read it; made at first need. */
  private BodyCollector kept;
  /** The request whose answer came last, for {@link #header}; -1 while one is in flight. */
  private int answered = -1;
  /** Whether the request in flight is on the wire (false while connecting for it). */
  private boolean written;
  private boolean closed;

  Http1Connection(int id, Http1Transport transport, ConnectionListener listener) {
    this.id = id;
    this.transport = transport;
    this.listener = listener;
    this.guard = new SendGuard(transport.context(), this, listener);
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public Future<Void> connect() {
    if (closed) {
      return Future.failedFuture("connection " + id + " is closed");
    }
    if (socket != null) {
      return Future.succeededFuture();
    }
    if (connecting == null) {
      Promise<Void> promise = Promise.promise();
      connecting = promise.future();
      transport.connect().onComplete(ar -> connected(ar, promise));
    }
    return connecting;
  }

  private void connected(AsyncResult<NetSocket> ar, Promise<Void> promise) {
    connecting = null;
    if (ar.failed() || closed) {
      if (ar.succeeded()) {
        ar.result().close();
      }
      promise.fail(ar.failed() ? ar.cause() : new IllegalStateException("connection " + id + " is closed"));
      if (request >= 0 && !written) {
        request = -1;
        guard.error(ErrorKind.CONNECT);
      }
      return;
    }
    NetSocketInternal s = (NetSocketInternal) ar.result();
    socket = s;
    channel = s.channelHandlerContext();
    s.messageHandler(this);
    s.closeHandler(onClose);
    s.exceptionHandler(onException);
    if (request >= 0 && !written) {
      write();
    }
    promise.complete();
  }

  @Override
  public void send(int requestIndex, TraceContext traceContext) {
    send(requestIndex, traceContext, null, null, null);
  }

  @Override
  public void send(int requestIndex, TraceContext traceContext, Session journeySession, boolean keepBody) {
    BodySink sink = null;
    if (keepBody) {
      if (kept == null) {
        kept = new BodyCollector(BODY_LIMIT);
      }
      kept.clear();
      sink = kept;
    }
    send(requestIndex, traceContext, transport.templated(requestIndex) ? journeySession : null, sink,
        transport.keptHeaders(requestIndex));
  }

  @Override
  public String header(String headerName) {
    String[] names = answered < 0 ? null : transport.keptNames(answered);
    for (int i = 0; names != null && i < names.length; i++) {
      if (names[i].equalsIgnoreCase(headerName)) {
        return parser.kept(i);
      }
    }
    return null;
  }

  @Override
  public byte[] body() {
    return kept == null ? BodyCollector.NO_BODY : kept.bytes();
  }

  @Override
  public int bodyLength() {
    return kept == null ? 0 : kept.length();
  }

  private void send(int requestIndex, TraceContext traceContext, Session journeySession, BodySink sink,
      byte[][] keepHeaders) {
    if (request >= 0) {
      throw new IllegalStateException("connection " + id + " already has a request in flight");
    }
    guard.enter();
    try {
      if (closed) {
        guard.error(ErrorKind.CONNECT);
        return;
      }
      request = requestIndex;
      trace = traceContext;
      session = journeySession;
      written = false;
      answered = -1;
      parser.start(transport.isHead(requestIndex), sink, keepHeaders);
      if (socket != null) {
        write();
      } else {
        connect();
      }
    } finally {
      guard.exit();
    }
  }

  private void write() {
    written = true;
    ByteBuf bytes = session != null ? transport.wire(request, session, channel.alloc())
        : trace == null ? transport.wire(request) : transport.wire(request, trace);
    channel.writeAndFlush(bytes, channel.voidPromise());
  }

  /** Bytes from the socket, on its event loop. */
  @Override
  public void handle(Object message) {
    if (!(message instanceof ByteBuf in)) {
      ReferenceCountUtil.release(message);
      return;
    }
    try {
      read(in);
    } finally {
      in.release();
    }
  }

  private void read(ByteBuf in) {
    if (request < 0 || !written) {
      drop(); // bytes nobody asked for: the connection is out of step with the requests
      return;
    }
    int result = parser.parse(in);
    if (result == Http1ResponseParser.NEED_MORE) {
      return;
    }
    int index = request;
    request = -1;
    if (result == Http1ResponseParser.MALFORMED) {
      drop();
      guard.error(ErrorKind.OTHER);
      return;
    }
    // A response that came before its request was fully written (a server refusing a large body
    // early) leaves the rest of the request due on this connection: it cannot carry another.
    if (parser.closeAfter() || transport.closesConnection(index) || in.isReadable() || writePending()) {
      drop();
    }
    answered = index;
    listener.onResponse(this, parser.status(), parser.bytes());
  }

  /** Whether netty still holds bytes of ours that the socket has not taken (TLS records included). */
  private boolean writePending() {
    ChannelOutboundBuffer out = channel.channel().unsafe().outboundBuffer();
    return out != null && out.totalPendingWriteBytes() > 0;
  }

  /** The socket closed ({@code orderly}) or failed under us. */
  private void lost(boolean orderly) {
    if (socket == null) {
      return;
    }
    drop();
    if (request < 0 || !written) {
      return;
    }
    int index = request;
    request = -1;
    if (orderly && parser.endOfInput() == Http1ResponseParser.COMPLETE) {
      answered = index;
      listener.onResponse(this, parser.status(), parser.bytes());
    } else {
      guard.error(ErrorKind.RESET);
    }
  }

  @Override
  public void abort() {
    if (request < 0) {
      return;
    }
    request = -1;
    if (written) {
      drop(); // a late response would otherwise be read as the next request's
    }
  }

  @Override
  public void close() {
    closed = true;
    request = -1;
    drop();
  }

  /** Forgets the socket and closes it; nothing it does later reaches this connection. */
  private void drop() {
    NetSocketInternal s = socket;
    if (s == null) {
      return;
    }
    socket = null;
    channel = null;
    s.messageHandler(null);
    s.closeHandler(null);
    s.exceptionHandler(IGNORE);
    s.close();
  }
}
